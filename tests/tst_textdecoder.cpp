// Valid UTF-8 (or UTF-8 with a byte order mark, invalid bytes as U+FFFD) or else Windows-1252;
// where the first invalid UTF-8 byte is.
#include "textdecoder.h"

#include <QStandardPaths>
#include <QStringDecoder>
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
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("text");

        const QString fffd(QChar::ReplacementCharacter);
        const QString utf8 = u"utf-8"_s, bom = u"utf-8-bom"_s, cp1252 = u"windows-1252"_s;
        QTest::newRow("empty") << QByteArray() << qsizetype(-1) << utf8 << QString();
        QTest::newRow("ASCII") << "int main() {}\n"_ba << qsizetype(-1) << utf8
                               << u"int main() {}\n"_s;
        QTest::newRow("two-byte") << "caf\xc3\xa9"_ba << qsizetype(-1) << utf8 << u"café"_s;
        QTest::newRow("four-byte emoji")
            << "x\xf0\x9f\x98\x80"_ba << qsizetype(-1) << utf8 << u"x\U0001F600"_s;
        QTest::newRow("BOM kept") << "\xef\xbb\xbfhi"_ba << qsizetype(-1) << bom << u"\uFEFFhi"_s;
        QTest::newRow("BOM, then invalid") << "\xef\xbb\xbf"
                                              "caf\xe9"_ba
                                           << qsizetype(6) << bom << (u"\uFEFFcaf"_s + fffd);
        QTest::newRow("stray 0xFF") << "ok \xff bad"_ba << qsizetype(3) << cp1252 << u"ok ÿ bad"_s;
        QTest::newRow("Latin-1 e acute") << "caf\xe9!"_ba << qsizetype(3) << cp1252 << u"café!"_s;
        QTest::newRow("Windows-1252 quotes and euro")
            << "\x93\x80 5\x94 \x85"_ba << qsizetype(0) << cp1252 << u"“€ 5” …"_s;
        QTest::newRow("undefined 0x81 stays a C1 control")
            << "a\x81z"_ba << qsizetype(1) << cp1252 << u"a\u0081z"_s;
        QTest::newRow("overlong slash") << "a\xc0\xaf"_ba << qsizetype(1) << cp1252 << u"aÀ¯"_s;
        QTest::newRow("surrogate")
            << "ab\xed\xa0\x80"_ba << qsizetype(2) << cp1252 << u"abí\u00a0€"_s;
        QTest::newRow("above U+10FFFF")
            << "\xf4\x90\x80\x80"_ba << qsizetype(0) << cp1252 << u"ô\u0090€€"_s;
        QTest::newRow("truncated at end")
            << "abc\xe2\x82"_ba << qsizetype(3) << cp1252 << u"abcâ‚"_s;
        QTest::newRow("lone continuation") << "\x80"_ba << qsizetype(0) << cp1252 << u"€"_s;
        // ASCII is skipped eight bytes at a time: what follows a run of it is still seen.
        QTest::newRow("invalid after ASCII words")
            << "0123456789abcdefghi\xff"_ba << qsizetype(19) << cp1252 << u"0123456789abcdefghiÿ"_s;
        QTest::newRow("invalid inside the first word")
            << "abcdef\xe9z"_ba << qsizetype(6) << cp1252 << u"abcdeféz"_s;
        QTest::newRow("valid after ASCII words")
            << "0123456789abcdef caf\xc3\xa9"_ba << qsizetype(-1) << utf8
            << u"0123456789abcdef café"_s;
        QTest::newRow("valid then invalid")
            << "\xc3\xa9\xc3"_ba << qsizetype(2) << cp1252 << u"Ã©Ã"_s;
    }

    void decode()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qsizetype, firstInvalid);
        QFETCH(QString, encoding);
        QFETCH(QString, text);

        const TextDecoder::Decoded decoded = TextDecoder::decode(bytes);
        QCOMPARE(decoded.firstInvalidOffset, firstInvalid);
        QCOMPARE(TextDecoder::firstInvalidUtf8Offset(bytes), firstInvalid);
        QCOMPARE(TextDecoder::name(decoded.encoding), encoding);
        QCOMPARE(TextDecoder::detect(bytes), decoded.encoding);
        QCOMPARE(decoded.text, text);
        QCOMPARE(decoded.text.contains(QChar::ReplacementCharacter), decoded.hasReplacements());
        // Qt's own validator must agree.
        QCOMPARE(QByteArrayView(bytes).isValidUtf8(), firstInvalid < 0);
    }

    // One character per byte, so any byte range of the file is a range of its text.
    void windows1252DecodesEveryByteAlone()
    {
        QByteArray all;
        for (int c = 0; c < 256; ++c)
            all.append(char(c));
        const QString text = TextDecoder::decode(all, TextDecoder::Encoding::Windows1252);
        QCOMPARE(text.size(), all.size());
        QVERIFY(!text.contains(QChar::ReplacementCharacter));
        for (int c = 0; c < 256; ++c) {
            if (c < 0x80 || c >= 0xA0)
                QCOMPARE(text.at(c).unicode(), char16_t(c));
        }
        QCOMPARE(text.sliced(0x80, 0x20),
            u"€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ"_s);
    }

    // Where Qt has Windows-1252 (built with ICU), it agrees on the 27 bytes the code page
    // defines in 0x80-0x9F.
    void windows1252AgreesWithQt()
    {
        QStringDecoder qt("windows-1252");
        if (!qt.isValid())
            QSKIP("this Qt has no Windows-1252 decoder");
        for (int c = 0x80; c < 0xA0; ++c) {
            if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D)
                continue;
            const QByteArray byte(1, char(c));
            QCOMPARE(TextDecoder::decode(byte, TextDecoder::Encoding::Windows1252),
                QString(qt.decode(byte)));
        }
    }

    void validTextRoundTrips()
    {
        const QByteArray bytes = "// ünïcødé 日本語 \xf0\x9f\x98\x80\r\nline 2\n"_ba;
        const TextDecoder::Decoded decoded = TextDecoder::decode(bytes);
        QCOMPARE(decoded.encoding, TextDecoder::Encoding::Utf8);
        QCOMPARE(decoded.text.toUtf8(), bytes);
    }
};

QTEST_GUILESS_MAIN(TestTextDecoder)
#include "tst_textdecoder.moc"
