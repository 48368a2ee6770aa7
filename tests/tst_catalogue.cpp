// Every translation catalogue covers every user-visible string of the current sources: lupdate
// (the same project and options as the update_translations target) runs over the sources into a
// temporary copy of each .ts file, and the test lists each string that is new or unfinished.
// A finished translation keeps the source's placeholders (%1, %n) and its accelerator (&).

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {
struct Message
{
    QString context;
    QString source;
    QString type; // the translation's type attribute: unfinished, vanished, obsolete or empty
    QStringList forms; // one translation, or one per plural form
};

QList<Message> readMessages(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == "name"_L1) {
            context = xml.readElementText();
        } else if (name == "message"_L1) {
            current = Message { context, {}, {}, {} };
        } else if (name == "source"_L1) {
            current.source = xml.readElementText();
        } else if (name == "translation"_L1) {
            current.type = xml.attributes().value("type"_L1).toString();
            QString text;
            while (!(xml.isEndElement() && xml.name() == "translation"_L1) && !xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == "numerusform"_L1)
                    current.forms.append(xml.readElementText());
            }
            if (current.forms.isEmpty())
                current.forms.append(text);
            messages.append(current);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(u"%(\\d+|n)"_s);
    QSet<QString> found;
    for (const auto &match : pattern.globalMatch(text))
        found.insert(match.captured());
    return found;
}

bool hasAccelerator(const QString &text)
{
    // An ampersand before a letter that does not start an entity such as &amp; or &lt;.
    static const QRegularExpression pattern(u"&(?!&|[a-z]+;|#\\d+;)\\w"_s);
    return pattern.match(text).hasMatch();
}

QStringList problems(const QList<Message> &messages)
{
    QStringList found;
    for (const Message &m : messages) {
        const QString where = m.context + u": \""_s + m.source + u'"';
        if (m.type == "vanished"_L1 || m.type == "obsolete"_L1)
            continue;
        if (m.type == "unfinished"_L1) {
            found.append(u"untranslated "_s + where);
            continue;
        }
        for (const QString &form : m.forms) {
            if (form.trimmed().isEmpty()) {
                found.append(u"empty translation of "_s + where);
                break;
            }
            // A plural form may leave out %n ("one file"), every other placeholder stays.
            QSet<QString> wanted = placeholders(m.source);
            QSet<QString> got = placeholders(form);
            wanted.remove(u"%n"_s);
            got.remove(u"%n"_s);
            if (wanted != got) {
                found.append(u"placeholders differ in "_s + where + u" -> \""_s + form + u'"');
                break;
            }
            if (hasAccelerator(m.source) && !hasAccelerator(form)) {
                found.append(u"no accelerator in "_s + where + u" -> \""_s + form + u'"');
                break;
            }
        }
    }
    return found;
}

QString run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(45000))
        return program + u" did not finish"_s;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return program + u" failed: "_s + QString::fromLocal8Bit(process.readAll());
    return {};
}
} // namespace

class TestCatalogue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void coversTheSources_data();
    void coversTheSources();
    void reportsWhatIsUnfinished();

private:
    QTemporaryDir m_dir;
    QString m_project;
};

void TestCatalogue::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The project file CMake wrote for the update_translations target, as lupdate reads it.
    m_project = m_dir.filePath(u"project.json"_s);
    const QString error = run(QStringLiteral(SIGNALHUB_CMAKE),
        { u"-DIN_FILE="_s + QStringLiteral(SIGNALHUB_LUPDATE_PROJECT), u"-DOUT_FILE="_s + m_project,
            u"-P"_s, QStringLiteral(SIGNALHUB_LUPDATE_PROJECT_SCRIPT) });
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestCatalogue::coversTheSources_data()
{
    QTest::addColumn<QString>("tsFile");
    QTest::addColumn<QStringList>("extraOptions");
    for (const QString &ts : QStringLiteral(SIGNALHUB_TS_FILES).split(u'|'))
        QTest::newRow(qPrintable(QFileInfo(ts).fileName())) << ts << QStringList();
    // The source language's catalogue holds only the strings with plural forms.
    const QString plurals = QStringLiteral(SIGNALHUB_PLURALS_TS_FILE);
    QTest::newRow(qPrintable(QFileInfo(plurals).fileName()))
        << plurals << QStringList { u"-pluralonly"_s };
}

void TestCatalogue::coversTheSources()
{
    QFETCH(QString, tsFile);
    QFETCH(QStringList, extraOptions);
    const QString copy = m_dir.filePath(QFileInfo(tsFile).fileName());
    QFile::remove(copy);
    QVERIFY(QFile::copy(tsFile, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QStringList arguments { u"-project"_s, m_project };
    arguments += QStringLiteral(SIGNALHUB_LUPDATE_OPTIONS).split(u'|', Qt::SkipEmptyParts);
    arguments += extraOptions;
    arguments += { u"-ts"_s, copy };
    const QString error = run(QStringLiteral(SIGNALHUB_LUPDATE), arguments);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QString readError;
    const QList<Message> messages = readMessages(copy, &readError);
    QVERIFY2(readError.isEmpty(), qPrintable(readError));
    QVERIFY(messages.size() > (extraOptions.contains(u"-pluralonly"_s) ? 2 : 100));
    const QStringList found = problems(messages);
    QVERIFY2(found.isEmpty(),
        qPrintable(u"%1 of %2 strings need work in %3 (run the update_translations target, then "
                   "translate them):\n  "_s.arg(found.size())
                       .arg(messages.size())
                       .arg(QFileInfo(tsFile).fileName())
            + found.join(u"\n  "_s)));
}

void TestCatalogue::reportsWhatIsUnfinished()
{
    // The check itself: a catalogue with one unfinished string, one lost placeholder and one
    // lost accelerator yields exactly those three.
    const QString path = m_dir.filePath(u"sample_de.ts"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"(<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context><name>Sample</name>
<message><source>&amp;File</source><translation>&amp;Datei</translation></message>
<message><source>&amp;Quit</source><translation>Beenden</translation></message>
<message><source>%1 of %2</source><translation>%1 von</translation></message>
<message><source>New string</source><translation type="unfinished"></translation></message>
<message numerus="yes"><source>%n file(s)</source><translation><numerusform>eine Datei</numerusform><numerusform>%n Dateien</numerusform></translation></message>
<message><source>Gone</source><translation type="vanished">Weg</translation></message>
</context>
</TS>
)");
    file.close();
    QString error;
    const QStringList found = problems(readMessages(path, &error));
    QVERIFY(error.isEmpty());
    QCOMPARE(found.size(), 3);
    QVERIFY(found.at(0).startsWith(u"no accelerator"_s));
    QVERIFY(found.at(1).startsWith(u"placeholders differ"_s));
    QVERIFY(found.at(2).startsWith(u"untranslated Sample: \"New string\""_s));
}

QTEST_GUILESS_MAIN(TestCatalogue)

#include "tst_catalogue.moc"
