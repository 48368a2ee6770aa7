// KeyStore against a real Secret Service: gnome-keyring on a private session bus, with HOME
// and the XDG folders in a throwaway folder (tests/run-with-keyring.sh sets that up and names
// it in SIGNALHUB_KEYRING_HOME). Without that wrapper the test refuses to run, so it can never
// write to the user's own keyring. The real signalhub-cli then reads the saved key from it.

#include "embeddingtestserver.h"
#include "keystore.h"
#include "testserverthread.h"

#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace SignalHub::Core;
using SignalHub::Testing::EmbeddingTestServer;
using SignalHub::Testing::TestServerConfig;
using SignalHub::Testing::TestServerThread;

namespace {

constexpr int Dims = 24;
constexpr int WaitMs = 10000;

struct ReadOutcome
{
    bool answered = false;
    QByteArray key;
    QString error;
};

// A key no file could hold by chance.
QByteArray uniqueKey(const char *tag)
{
    static int counter = 0;
    return "sk-" + QByteArray(tag) + '-' + QByteArray::number(QCoreApplication::applicationPid())
        + '-' + QByteArray::number(++counter) + "-ZqX7";
}

ReadOutcome readKey(const QString &provider, const QString &baseUrl)
{
    ReadOutcome outcome;
    QEventLoop loop;
    QObject context;
    KeyStore::read(*providerFromName(provider), baseUrl, &context,
        [&](const QByteArray &key, const QString &error) {
            outcome = { true, key, error };
            loop.quit();
        });
    if (!outcome.answered) {
        QTimer::singleShot(WaitMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return outcome;
}

// Empty when saved; "timeout" when the keychain never answered.
QString writeKey(const QString &provider, const QString &baseUrl, const QByteArray &key)
{
    QString result = QStringLiteral("timeout");
    bool answered = false;
    QEventLoop loop;
    QObject context;
    KeyStore::write(*providerFromName(provider), baseUrl, key, &context, [&](const QString &error) {
        result = error;
        answered = true;
        loop.quit();
    });
    if (!answered) {
        QTimer::singleShot(WaitMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return result;
}

} // namespace

class TestKeyStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void probeSaysAvailable();
    void writeThenRead();
    void accountsAreDistinct_data();
    void accountsAreDistinct();
    void emptyWriteDeletes();
    void teamStorePasswordIsAnEntryOfItsOwn();
    void cliReadsSavedKey();
    void cliFailsWithWrongOrMissingKey();
    void keyNeverInPlainFiles();

private:
    struct CliOutcome
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    CliOutcome embed(const QString &text);
    QString serverUrl() const;
    QByteArray remember(const QByteArray &key)
    {
        m_keys.append(key);
        return key;
    }

    QString m_home;
    std::unique_ptr<TestServerThread> m_server;
    QByteArray m_serverKey;
    QList<QByteArray> m_keys; // every key the test saved, to look for in plain files
};

void TestKeyStore::initTestCase()
{
    m_home = qEnvironmentVariable("SIGNALHUB_KEYRING_HOME");
    if (m_home.isEmpty() || !QDir::homePath().startsWith(m_home)
        || !qEnvironmentVariable("XDG_DATA_HOME").startsWith(m_home)
        || qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("run through tests/run-with-keyring.sh (ctest does): this test writes to the keyring "
              "it finds");
    QVERIFY(qEnvironmentVariableIsEmpty("OPENAI_API_KEY"));
    QStandardPaths::setTestModeEnabled(true);

    m_serverKey = remember(uniqueKey("server"));
    TestServerConfig config;
    config.dimensions = Dims;
    config.apiKey = QString::fromLatin1(m_serverKey);
    m_server = std::make_unique<TestServerThread>(config);
    QVERIFY(m_server->start());
}

void TestKeyStore::probeSaysAvailable()
{
    bool answered = false;
    bool available = false;
    QEventLoop loop;
    QObject context;
    KeyStore::probe(&context, [&](bool ok) {
        answered = true;
        available = ok;
        loop.quit();
    });
    if (!answered) {
        QTimer::singleShot(WaitMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    QVERIFY2(answered, "the keychain never answered the probe");
    QVERIFY(available);
}

void TestKeyStore::writeThenRead()
{
    const QString url = QStringLiteral("https://api.example.test/v1");
    QCOMPARE(readKey(QStringLiteral("openai"), url).key, QByteArray());
    const QByteArray key = remember(uniqueKey("write"));
    QCOMPARE(writeKey(QStringLiteral("openai"), url, key), QString());
    const ReadOutcome read = readKey(QStringLiteral("openai"), url);
    QVERIFY(read.answered);
    QCOMPARE(read.error, QString());
    QCOMPARE(read.key, key);
    // What the CLI calls.
    QCOMPARE(KeyStore::readBlocking(ProviderKind::OpenAi, url, WaitMs), key);

    // Overwriting replaces.
    const QByteArray second = remember(uniqueKey("overwrite"));
    QCOMPARE(writeKey(QStringLiteral("openai"), url, second), QString());
    QCOMPARE(readKey(QStringLiteral("openai"), url).key, second);
}

void TestKeyStore::accountsAreDistinct_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("baseUrl");
    QTest::newRow("openai default") << QStringLiteral("openai") << QString();
    QTest::newRow("openai host a")
        << QStringLiteral("openai") << QStringLiteral("http://a.example.test/v1");
    QTest::newRow("openai host b")
        << QStringLiteral("openai") << QStringLiteral("http://b.example.test/v1");
    QTest::newRow("ollama host a")
        << QStringLiteral("ollama") << QStringLiteral("http://a.example.test/v1");
    QTest::newRow("ollama default") << QStringLiteral("ollama") << QString();
}

void TestKeyStore::accountsAreDistinct()
{
    QFETCH(QString, provider);
    QFETCH(QString, baseUrl);
    // Every row saves into its account, then all rows saved so far must still read their own.
    static QList<std::pair<QString, QString>> saved;
    static QHash<QString, QByteArray> keys;
    const QString account = KeyStore::account(*providerFromName(provider), baseUrl);
    QVERIFY2(!keys.contains(account), qPrintable(account));
    const QByteArray key = remember(uniqueKey("account"));
    QCOMPARE(writeKey(provider, baseUrl, key), QString());
    saved.append({ provider, baseUrl });
    keys.insert(account, key);
    for (const auto &[p, u] : std::as_const(saved))
        QCOMPARE(readKey(p, u).key, keys.value(KeyStore::account(*providerFromName(p), u)));
}

void TestKeyStore::emptyWriteDeletes()
{
    const QString url = QStringLiteral("http://delete.example.test/v1");
    const QString other = QStringLiteral("http://keep.example.test/v1");
    const QByteArray key = remember(uniqueKey("delete"));
    const QByteArray kept = remember(uniqueKey("keep"));
    QCOMPARE(writeKey(QStringLiteral("openai"), url, key), QString());
    QCOMPARE(writeKey(QStringLiteral("openai"), other, kept), QString());
    QCOMPARE(readKey(QStringLiteral("openai"), url).key, key);

    QCOMPARE(writeKey(QStringLiteral("openai"), url, {}), QString());
    const ReadOutcome read = readKey(QStringLiteral("openai"), url);
    QVERIFY(read.answered);
    QCOMPARE(read.error, QString());
    QCOMPARE(read.key, QByteArray());
    QCOMPARE(readKey(QStringLiteral("openai"), other).key, kept);
    // Deleting what is not there is not an error.
    QCOMPARE(writeKey(QStringLiteral("openai"), url, {}), QString());
}

QString TestKeyStore::serverUrl() const
{
    return m_server->baseUrl().toString() + u"/v1";
}

TestKeyStore::CliOutcome TestKeyStore::embed(const QString &text)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("OPENAI_API_KEY"));
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("SIGNALHUB_BINARY_DIR") + u"/bin/signalhub-cli",
        { QStringLiteral("embed"), text, QStringLiteral("--provider"), QStringLiteral("openai"),
            QStringLiteral("--base-url"), serverUrl(), QStringLiteral("--model"),
            QStringLiteral("m"), QStringLiteral("--timeout"), QStringLiteral("5") });
    CliOutcome outcome;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(5000);
        return outcome;
    }
    outcome.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    outcome.out = process.readAllStandardOutput();
    outcome.err = process.readAllStandardError();
    return outcome;
}

// The team store's password is saved under its URL, apart from the providers' keys.
void TestKeyStore::teamStorePasswordIsAnEntryOfItsOwn()
{
    const QString url = QStringLiteral("postgresql://alice@db.example.test/team");
    const QByteArray password = remember(uniqueKey("team"));
    QString written = QStringLiteral("timeout");
    QEventLoop loop;
    QObject context;
    KeyStore::writeDatabasePassword(url, password, &context, [&](const QString &error) {
        written = error;
        loop.quit();
    });
    QTimer::singleShot(WaitMs, &loop, &QEventLoop::quit);
    loop.exec();
    QCOMPARE(written, QString());
    QCOMPARE(KeyStore::readDatabasePasswordBlocking(url, WaitMs), password);
    QCOMPARE(KeyStore::readDatabasePasswordBlocking(url + u"2", WaitMs), QByteArray());
    QCOMPARE(readKey(QStringLiteral("openai"), url).key, QByteArray());
}

void TestKeyStore::cliReadsSavedKey()
{
    QCOMPARE(writeKey(QStringLiteral("openai"), serverUrl(), m_serverKey), QString());
    const qint64 before = m_server->server()->requests();
    const CliOutcome o = embed(QStringLiteral("x"));
    QVERIFY2(o.code == 0, o.err.constData());
    const QJsonArray rows = QJsonDocument::fromJson(o.out).array();
    QCOMPARE(rows.size(), 1);
    const QJsonArray vector = rows[0].toObject().value(u"vector").toArray();
    QCOMPARE(vector.size(), Dims);
    const QList<float> expected = EmbeddingTestServer::expectedVector(QStringLiteral("x"), Dims);
    for (int i = 0; i < Dims; ++i)
        QCOMPARE(float(vector[i].toDouble()), expected[i]);
    QVERIFY(m_server->server()->requests() > before);
    QCOMPARE(m_server->server()->statusCount(401), 0);
    QVERIFY(!o.out.contains(m_serverKey));
    QVERIFY(!o.err.contains(m_serverKey));
}

void TestKeyStore::cliFailsWithWrongOrMissingKey()
{
    const QByteArray wrong = remember(uniqueKey("wrong"));
    QCOMPARE(writeKey(QStringLiteral("openai"), serverUrl(), wrong), QString());
    qint64 rejected = m_server->server()->statusCount(401);
    CliOutcome o = embed(QStringLiteral("x"));
    QCOMPARE(o.code, 3);
    QVERIFY(m_server->server()->statusCount(401) > rejected);
    QVERIFY(!o.err.contains(wrong));

    // No saved key at all: the server is asked without one and says 401 too.
    QCOMPARE(writeKey(QStringLiteral("openai"), serverUrl(), {}), QString());
    rejected = m_server->server()->statusCount(401);
    o = embed(QStringLiteral("x"));
    QCOMPARE(o.code, 3);
    QVERIFY(m_server->server()->statusCount(401) > rejected);

    // And the right one again works, so the failures above were the key's.
    QCOMPARE(writeKey(QStringLiteral("openai"), serverUrl(), m_serverKey), QString());
    QCOMPARE(embed(QStringLiteral("x")).code, 0);
}

void TestKeyStore::keyNeverInPlainFiles()
{
    // A settings file as the window keeps one, next to the saved keys.
    {
        QSettings settings(QStringLiteral("SignalHub"), QStringLiteral("tst_keystore"));
        settings.setValue(QStringLiteral("provider/name"), QStringLiteral("openai"));
        settings.setValue(QStringLiteral("provider/baseUrl"), serverUrl());
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
        QVERIFY2(settings.fileName().startsWith(m_home), qPrintable(settings.fileName()));
        QVERIFY(QFile::exists(settings.fileName()));
    }
    QCOMPARE(readKey(QStringLiteral("openai"), serverUrl()).key, m_serverKey);

    QList<QByteArray> needles;
    for (const QByteArray &key : std::as_const(m_keys))
        needles << key << key.toBase64() << key.toHex();
    int files = 0;
    bool keyringSeen = false;
    QDirIterator it(
        m_home, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue; // sockets in the runtime folder
        ++files;
        keyringSeen = keyringSeen || path.endsWith(u".keyring");
        const QByteArray bytes = file.readAll();
        for (const QByteArray &needle : std::as_const(needles))
            QVERIFY2(!bytes.contains(needle),
                qPrintable(path + u" holds " + QString::fromLatin1(needle)));
    }
    // The keys are on disk, only in the keyring's encrypted file.
    QVERIFY2(keyringSeen, "gnome-keyring wrote no .keyring file under the temporary HOME");
    QVERIFY(files >= 2);
}

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_keystore.moc"
