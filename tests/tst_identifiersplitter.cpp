// The words of code as the keyword index stores them and the query side looks them up.

#include "identifiersplitter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using SignalHub::Core::IdentifierSplitter;

class TestIdentifierSplitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void identifiers_data();
    void identifiers();
    void textKeepsOrderAndDropsPunctuation();
};

void TestIdentifierSplitter::identifiers_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QStringList>("words");
    const QStringList parseJsonString { u"parse"_s, u"json"_s, u"string"_s };
    QTest::newRow("camel") << u"parseJsonString"_s << parseJsonString;
    QTest::newRow("snake") << u"parse_json_string"_s << parseJsonString;
    QTest::newRow("acronym") << u"ParseJSONString"_s << parseJsonString;
    QTest::newRow("screaming") << u"PARSE_JSON_STRING"_s << parseJsonString;
    QTest::newRow("kebab") << u"parse-json-string"_s << parseJsonString;
    QTest::newRow("acronym at end") << u"readHTTP"_s << QStringList { u"read"_s, u"http"_s };
    QTest::newRow("digits stay") << u"toUtf8"_s << QStringList { u"to"_s, u"utf8"_s };
    QTest::newRow("digit then capital")
        << u"utf8String"_s << QStringList { u"utf8"_s, u"string"_s };
    QTest::newRow("scope") << u"QString::fromUtf8"_s
                           << QStringList { u"q"_s, u"string"_s, u"from"_s, u"utf8"_s };
    QTest::newRow("non-ASCII") << u"größeÄndern"_s << QStringList { u"größe"_s, u"ändern"_s };
    // Lower case as Unicode says: a capital I with a dot above becomes two characters.
    QTest::newRow("special casing")
        << u"readİstanbulData"_s << QStringList { u"read"_s, u"i\u0307stanbul"_s, u"data"_s };
    QTest::newRow("combining mark")
        << u"CAFE\u0301_menu"_s << QStringList { u"cafe\u0301"_s, u"menu"_s };
    QTest::newRow("one letter") << u"x"_s << QStringList { u"x"_s };
    QTest::newRow("nothing") << u"->"_s << QStringList();
}

void TestIdentifierSplitter::identifiers()
{
    QFETCH(QString, token);
    QFETCH(QStringList, words);
    QCOMPARE(IdentifierSplitter::split(token), words);
}

void TestIdentifierSplitter::textKeepsOrderAndDropsPunctuation()
{
    QCOMPARE(IdentifierSplitter::words(u"  if (!parseJsonString(buf, &len)) return -1;\n"_s),
        u"if parse json string buf len return 1"_s);
    QCOMPARE(IdentifierSplitter::words(u"/* */"_s), QString());
}

QTEST_APPLESS_MAIN(TestIdentifierSplitter)
#include "tst_identifiersplitter.moc"
