// "Open in editor": the table of known editors, detection in PATH and the per-argument
// substitution of {file} and {line}, so paths with spaces stay one argument.

#include "editorcommand.h"

#include <QHash>
#include <QSet>
#include <QTest>

using namespace SignalHub::Core;
using namespace Qt::StringLiterals;

namespace {
// A PATH holding exactly `programs`, each under /opt/bin (or a folder with a space).
EditorCommand::FindExecutable pathWith(const QStringList &programs, const QString &folder)
{
    return [programs, folder](const QString &program) {
        return programs.contains(program) ? folder + u'/' + program : QString();
    };
}
} // namespace

class TestEditorCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expand_data();
    void expand();
    void everyKnownEditorGetsFileAndLine_data();
    void everyKnownEditorGetsFileAndLine();
    void detect_data();
    void detect();
    void validate_data();
    void validate();
};

void TestEditorCommand::expand_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<QStringList>("argv");
    const QString spaced = QStringLiteral("/home/me/my project/main file.cpp");
    QTest::newRow("kate") << QStringLiteral("kate --line {line} {file}") << spaced << 12
                          << QStringList { u"kate"_s, u"--line"_s, u"12"_s, spaced };
    QTest::newRow("code joins file and line in one argument")
        << QStringLiteral("code --goto {file}:{line}") << spaced << 7
        << QStringList { u"code"_s, u"--goto"_s, spaced + u":7"_s };
    QTest::newRow("quoted program with a space")
        << QStringLiteral("\"/opt/my editor/bin/edit\" +{line} {file}") << spaced << 3
        << QStringList { u"/opt/my editor/bin/edit"_s, u"+3"_s, spaced };
    QTest::newRow("a path holding a placeholder is not substituted again")
        << QStringLiteral("gvim +{line} {file}") << QStringLiteral("/tmp/{line}/{file}.txt") << 9
        << QStringList { u"gvim"_s, u"+9"_s, u"/tmp/{line}/{file}.txt"_s };
    QTest::newRow("no line placeholder") << QStringLiteral("mousepad {file}") << spaced << 5
                                         << QStringList { u"mousepad"_s, spaced };
    QTest::newRow("empty") << QString() << spaced << 5 << QStringList();
}

void TestEditorCommand::expand()
{
    QFETCH(QString, command);
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(QStringList, argv);
    QCOMPARE(EditorCommand::expand(command, file, line), argv);
}

void TestEditorCommand::everyKnownEditorGetsFileAndLine_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("arguments");
    for (const EditorCommand::KnownEditor &editor : EditorCommand::knownEditors())
        QTest::newRow(qPrintable(editor.program)) << editor.program << editor.arguments;
    QVERIFY(EditorCommand::knownEditors().size() >= 10);
}

void TestEditorCommand::everyKnownEditorGetsFileAndLine()
{
    QFETCH(QString, program);
    QFETCH(QString, arguments);
    const QString folder = QStringLiteral("/opt/editors with space/bin");
    const QString command = EditorCommand::detect(pathWith({ program }, folder), QString());
    QVERIFY2(EditorCommand::validate(command).isEmpty(), qPrintable(command));
    const QString file = QStringLiteral("/src/a b.cpp");
    const QStringList argv = EditorCommand::expand(command, file, 4242);
    QVERIFY(argv.size() >= 2);
    QCOMPARE(argv.first(), folder + u'/' + program);
    // The file is one argument, alone or joined to the line; the line is somewhere.
    bool fileSeen = false;
    bool lineSeen = false;
    for (qsizetype i = 1; i < argv.size(); ++i) {
        fileSeen = fileSeen || argv[i] == file || argv[i] == file + u":4242"_s;
        lineSeen = lineSeen || argv[i].contains(u"4242");
    }
    QVERIFY2(fileSeen, qPrintable(argv.join(u'|')));
    QVERIFY2(lineSeen, qPrintable(argv.join(u'|')));
    QVERIFY(!argv.join(u' ').contains(u'{'));
}

void TestEditorCommand::detect_data()
{
    QTest::addColumn<QStringList>("installed");
    QTest::addColumn<QString>("preferred");
    QTest::addColumn<QString>("program"); // of the detected command; empty: none
    QTest::newRow("nothing installed") << QStringList() << QString() << QString();
    QTest::newRow("only terminal editors")
        << QStringList { u"vim"_s, u"nano"_s } << QStringLiteral("vim") << QString();
    QTest::newRow("table order") << QStringList { u"gedit"_s, u"kate"_s } << QString()
                                 << QStringLiteral("kate");
    QTest::newRow("$VISUAL names a known one") << QStringList { u"gedit"_s,
        u"kate"_s } << QStringLiteral("gedit") << QStringLiteral("gedit");
    QTest::newRow("$VISUAL with a path and flags")
        << QStringList { u"code"_s, u"kate"_s } << QStringLiteral("/usr/bin/code --wait")
        << QStringLiteral("code");
    QTest::newRow("$VISUAL not installed")
        << QStringList { u"zed"_s } << QStringLiteral("subl") << QStringLiteral("zed");
    QTest::newRow("$EDITOR is a terminal editor")
        << QStringList { u"codium"_s } << QStringLiteral("vi") << QStringLiteral("codium");
}

void TestEditorCommand::detect()
{
    QFETCH(QStringList, installed);
    QFETCH(QString, preferred);
    QFETCH(QString, program);
    const QString command = EditorCommand::detect(pathWith(installed, u"/usr/bin"_s), preferred);
    if (program.isEmpty()) {
        QVERIFY2(command.isEmpty(), qPrintable(command));
        return;
    }
    const QStringList argv = EditorCommand::expand(command, u"/f"_s, 1);
    QVERIFY(!argv.isEmpty());
    QCOMPARE(argv.first(), u"/usr/bin/"_s + program);
}

void TestEditorCommand::validate_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty: detect") << QString() << true;
    QTest::newRow("kate") << QStringLiteral("kate --line {line} {file}") << true;
    QTest::newRow("file only") << QStringLiteral("mousepad {file}") << true;
    QTest::newRow("quoted program") << QStringLiteral("\"/opt/a b/ed\" {file}:{line}") << true;
    QTest::newRow("no {file}") << QStringLiteral("kate --line {line}") << false;
    QTest::newRow("open quote") << QStringLiteral("\"/opt/a b/ed {file}") << false;
    QTest::newRow("no program") << QStringLiteral("{file}") << false;
    QTest::newRow("blank") << QStringLiteral("   ") << true;
}

void TestEditorCommand::validate()
{
    QFETCH(QString, command);
    QFETCH(bool, valid);
    const QString problem = EditorCommand::validate(command);
    QCOMPARE(problem.isEmpty(), valid);
    if (!valid)
        QVERIFY(problem.contains(u"editor command"));
}

QTEST_GUILESS_MAIN(TestEditorCommand)
#include "tst_editorcommand.moc"
