// The invalid UTF-8 rule: decode with U+FFFD replacements and say where the first bad byte is.
#include "textdecoder.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using SignalHub::Core::TextDecoder;

class TestTextDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void decode_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qsizetype>("firstInvalid");
        QTest::addColumn<QString>("text");

        const QString fffd(QChar::ReplacementCharacter);
        QTest::newRow("empty") << QByteArray() << qsizetype(-1) << QString();
        QTest::newRow("ASCII") << "int main() {}\n"_ba << qsizetype(-1) << u"int main() {}\n"_s;
        QTest::newRow("two-byte") << "caf\xc3\xa9"_ba << qsizetype(-1) << u"café"_s;
        QTest::newRow("four-byte emoji")
            << "x\xf0\x9f\x98\x80"_ba << qsizetype(-1) << u"x\U0001F600"_s;
        QTest::newRow("BOM kept") << "\xef\xbb\xbfhi"_ba << qsizetype(-1) << u"\uFEFFhi"_s;
        QTest::newRow("stray 0xFF")
            << "ok \xff bad"_ba << qsizetype(3) << (u"ok "_s + fffd + u" bad"_s);
        QTest::newRow("Latin-1 e acute")
            << "caf\xe9!"_ba << qsizetype(3) << (u"caf"_s + fffd + u"!"_s);
        QTest::newRow("overlong slash") << "a\xc0\xaf"_ba << qsizetype(1) << QString();
        QTest::newRow("surrogate") << "ab\xed\xa0\x80"_ba << qsizetype(2) << QString();
        QTest::newRow("above U+10FFFF") << "\xf4\x90\x80\x80"_ba << qsizetype(0) << QString();
        QTest::newRow("truncated at end") << "abc\xe2\x82"_ba << qsizetype(3) << QString();
        QTest::newRow("lone continuation") << "\x80"_ba << qsizetype(0) << fffd;
        QTest::newRow("valid then invalid") << "\xc3\xa9\xc3"_ba << qsizetype(2) << QString();
    }

    void decode()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qsizetype, firstInvalid);
        QFETCH(QString, text);

        const TextDecoder::Decoded decoded = TextDecoder::decodeUtf8(bytes);
        QCOMPARE(decoded.firstInvalidOffset, firstInvalid);
        QCOMPARE(decoded.hadInvalidUtf8, firstInvalid >= 0);
        QCOMPARE(TextDecoder::firstInvalidUtf8Offset(bytes), firstInvalid);
        if (!text.isNull())
            QCOMPARE(decoded.text, text);
        QCOMPARE(decoded.text.contains(QChar::ReplacementCharacter), decoded.hadInvalidUtf8);
        // Qt's own validator must agree.
        QCOMPARE(QByteArrayView(bytes).isValidUtf8(), !decoded.hadInvalidUtf8);
    }

    void validTextRoundTrips()
    {
        const QByteArray bytes = "// ünïcødé 日本語 \xf0\x9f\x98\x80\r\nline 2\n"_ba;
        const TextDecoder::Decoded decoded = TextDecoder::decodeUtf8(bytes);
        QVERIFY(!decoded.hadInvalidUtf8);
        QCOMPARE(decoded.text.toUtf8(), bytes);
    }
};

QTEST_GUILESS_MAIN(TestTextDecoder)
#include "tst_textdecoder.moc"
