#include "settingsdialog.h"

#include "editorcommand.h"
#include "keystore.h"
#include "scanner.h"
#include "settings.h"
#include "storelocation.h"
#include "storeschema.h"
#include "textembedder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFuture>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrentRun>
#include <limits>

namespace SignalHub::Ui {

using namespace SignalHub::Core;

namespace {
// A paragraph under a page's fields, explaining them.
void addHelp(QFormLayout *form, const QString &text)
{
    auto *help = new QLabel(text);
    help->setWordWrap(true);
    form->addRow(QString(), help);
}

QSpinBox *spinBox(const QString &name, int min, int max, const QString &special = QString())
{
    auto *box = new QSpinBox;
    box->setObjectName(name);
    box->setRange(min, max);
    box->setSpecialValueText(special);
    box->setAccelerated(true);
    return box;
}
} // namespace

SettingsDialog::SettingsDialog(Settings &settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
{
    setWindowTitle(tr("Settings"));
    auto *tabs = new QTabWidget;
    tabs->addTab(buildConnectionPage(), tr("&Provider"));
    tabs->addTab(buildBatchingPage(), tr("&Batching and limits"));
    tabs->addTab(buildFilesPage(), tr("&Files and costs"));
    tabs->addTab(buildEditorPage(), tr("&Editor"));
    tabs->addTab(buildIndexPage(), tr("&Index"));
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("validationError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setRunSettings(settings.runSettings());
    m_editor->setText(settings.editorCommand());
    m_database->setText(settings.databasePath());
    Core::KeyStore::probe(this, [this](bool available) { showKeychainState(available); });
}

QWidget *SettingsDialog::buildConnectionPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_provider = new QComboBox;
    m_provider->setObjectName(QStringLiteral("provider"));
    m_provider->addItem(
        tr("Built-in model (MiniLM, on this computer, free)"), int(ProviderKind::Local));
    m_provider->addItem(tr("OpenAI-compatible API"), int(ProviderKind::OpenAi));
    m_provider->addItem(tr("Ollama"), int(ProviderKind::Ollama));
    connect(m_provider, &QComboBox::currentIndexChanged, this, &SettingsDialog::providerChanged);
    form->addRow(tr("P&rovider:"), m_provider);
    m_baseUrl = new QLineEdit;
    m_baseUrl->setObjectName(QStringLiteral("baseUrl"));
    form->addRow(tr("Base &URL:"), m_baseUrl);
    m_model = new QLineEdit;
    m_model->setObjectName(QStringLiteral("model"));
    form->addRow(tr("&Model:"), m_model);
    m_localModel = new QComboBox;
    m_localModel->setObjectName(QStringLiteral("localModel"));
    m_localModel->addItem(tr("Exact (MiniLM as trained)"), RunSettings::localExactModel());
    m_localModel->addItem(
        tr("Fast (int8 weights, nearly twice as fast)"), RunSettings::localFastModel());
    m_localModel->setToolTip(tr("Each variant is an embedding space of its own: folders indexed "
                                "with one are searched with it until indexed with the other."));
    form->addRow(tr("Built-in &variant:"), m_localModel);
    m_dimensions = spinBox(QStringLiteral("dimensions"), 0, 65536, tr("the model's own"));
    form->addRow(tr("&Dimensions:"), m_dimensions);
    m_apiKey = new QLineEdit;
    m_apiKey->setObjectName(QStringLiteral("apiKey"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setPlaceholderText(tr("unchanged"));
    connect(m_apiKey, &QLineEdit::textEdited, this, [this] { m_keyEdited = true; });
    form->addRow(tr("API &key:"), m_apiKey);
    m_keyNote = new QLabel(tr("Checking for a keychain…"));
    m_keyNote->setObjectName(QStringLiteral("keyNote"));
    m_keyNote->setWordWrap(true);
    form->addRow(QString(), m_keyNote);
    m_test = new QPushButton(tr("&Test connection"));
    m_test->setObjectName(QStringLiteral("testConnection"));
    connect(m_test, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    m_testResult = new QLabel;
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    form->addRow(m_test, m_testResult);
    return page;
}

QWidget *SettingsDialog::buildBatchingPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_maxInputTokens
        = spinBox(QStringLiteral("maxInputTokens"), 0, 1000000, tr("the provider's limit"));
    form->addRow(tr("Tokens per &input at most:"), m_maxInputTokens);
    m_batchSize = spinBox(QStringLiteral("batchSize"), 1, 10000);
    form->addRow(tr("Inputs per &request:"), m_batchSize);
    m_maxBatchTokens
        = spinBox(QStringLiteral("maxBatchTokens"), 1, std::numeric_limits<int>::max());
    form->addRow(tr("&Tokens per request at most:"), m_maxBatchTokens);
    m_concurrency = spinBox(QStringLiteral("concurrency"), 1, 256);
    form->addRow(tr("Requests in &flight:"), m_concurrency);
    m_adaptive = new QCheckBox(tr("&Adapt concurrency to the server"));
    m_adaptive->setObjectName(QStringLiteral("adaptive"));
    form->addRow(QString(), m_adaptive);
    m_rpm = spinBox(QStringLiteral("rpm"), 0, std::numeric_limits<int>::max(), tr("no limit"));
    form->addRow(tr("Requests per &minute:"), m_rpm);
    m_tpm = spinBox(QStringLiteral("tpm"), 0, std::numeric_limits<int>::max(), tr("no limit"));
    form->addRow(tr("Tokens per mi&nute:"), m_tpm);
    m_retries = spinBox(QStringLiteral("maxRetries"), 0, 100);
    form->addRow(tr("R&etries after the first attempt:"), m_retries);
    m_timeout = spinBox(QStringLiteral("timeout"), 1, 3600);
    m_timeout->setSuffix(tr(" s"));
    form->addRow(tr("Time&out per request:"), m_timeout);
    return page;
}

QWidget *SettingsDialog::buildFilesPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_chunkTokens = spinBox(QStringLiteral("chunkTokens"), 0, 100000, tr("automatic"));
    form->addRow(tr("&Chunk size (tokens):"), m_chunkTokens);
    m_exclude = new QPlainTextEdit;
    m_exclude->setObjectName(QStringLiteral("exclude"));
    m_exclude->setTabChangesFocus(true);
    m_exclude->setPlaceholderText(tr("One glob a line, e.g. *.min.js"));
    form->addRow(tr("E&xclude:"), m_exclude);
    m_maxFileSizeKib = spinBox(QStringLiteral("maxFileSize"), 1, 1024 * 1024);
    m_maxFileSizeKib->setSuffix(tr(" KiB"));
    form->addRow(tr("&Largest file:"), m_maxFileSizeKib);
    m_includeSecrets
        = new QCheckBox(tr("Index &secret files too (.env, private keys, credentials)"));
    m_includeSecrets->setObjectName(QStringLiteral("includeSecretFiles"));
    m_includeSecrets->setToolTip(
        tr("Files whose names mark them as holding keys or credentials are skipped unless "
           "this is on: %1")
            .arg(Scanner::secretFilePatterns().join(QStringLiteral(" "))));
    form->addRow(QString(), m_includeSecrets);
    m_priceSet = new QCheckBox(tr("&Own price (else from the price table)"));
    m_priceSet->setObjectName(QStringLiteral("priceSet"));
    form->addRow(QString(), m_priceSet);
    m_price = new QDoubleSpinBox;
    m_price->setObjectName(QStringLiteral("price"));
    m_price->setRange(0, 1000);
    m_price->setDecimals(4);
    m_price->setPrefix(QStringLiteral("$"));
    connect(m_priceSet, &QCheckBox::toggled, m_price, &QWidget::setEnabled);
    form->addRow(tr("&Price per 1M tokens:"), m_price);
    m_threshold = new QDoubleSpinBox;
    m_threshold->setObjectName(QStringLiteral("threshold"));
    m_threshold->setRange(0, 1000000);
    m_threshold->setDecimals(2);
    m_threshold->setPrefix(QStringLiteral("$"));
    form->addRow(tr("Ask before spending &over:"), m_threshold);
    m_watchBudget = new QDoubleSpinBox;
    m_watchBudget->setObjectName(QStringLiteral("watchBudget"));
    m_watchBudget->setRange(0, 1000000);
    m_watchBudget->setDecimals(2);
    m_watchBudget->setPrefix(QStringLiteral("$"));
    m_watchBudget->setToolTip(tr("What keeping watched folders current may spend per day with "
                                 "a paid provider; beyond it, changes wait until the next day "
                                 "or until you index them."));
    form->addRow(tr("&Watching may spend per day:"), m_watchBudget);
    return page;
}

QWidget *SettingsDialog::buildEditorPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_editor = new QLineEdit;
    m_editor->setObjectName(QStringLiteral("editorCommand"));
    m_editor->setPlaceholderText(tr("automatic: a known editor found in PATH"));
    form->addRow(tr("Open files &with:"), m_editor);
    addHelp(form,
        tr("{file} is replaced by the file's path and {line} by the line, each inside its "
           "own argument, so paths with spaces work. Examples: <tt>kate --line {line} "
           "{file}</tt>, <tt>code --goto {file}:{line}</tt>, <tt>gvim +{line} {file}</tt>. "
           "Left empty, Signal Hub looks for Kate, KWrite, VS Code, VSCodium, Zed, Sublime "
           "Text, GNOME Text Editor, gedit, Pluma, Xed, Mousepad, Geany, gVim or Emacs, and "
           "else opens the file with the default application, without the line."));
    return page;
}

QWidget *SettingsDialog::buildIndexPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_database = new QLineEdit;
    m_database->setObjectName(QStringLiteral("databaseLocation"));
    m_database->setPlaceholderText(QDir::toNativeSeparators(StoreSchema::defaultPath()));
    m_database->setClearButtonEnabled(true);
    form->addRow(tr("&Index kept in:"), m_database);
    m_storePassword = new QLineEdit;
    m_storePassword->setObjectName(QStringLiteral("teamStorePassword"));
    m_storePassword->setEchoMode(QLineEdit::Password);
    m_storePassword->setPlaceholderText(tr("unchanged"));
    connect(
        m_storePassword, &QLineEdit::textEdited, this, [this] { m_storePasswordEdited = true; });
    connect(m_database, &QLineEdit::textChanged, this, &SettingsDialog::locationChanged);
    form->addRow(tr("Team store pass&word:"), m_storePassword);
    addHelp(form,
        tr("A database file on this computer (left empty, the one shown), or a team store on "
           "PostgreSQL that the whole team shares, so that each text is paid for once: "
           "<tt>postgresql://user@host/database</tt>. Parameters such as "
           "<tt>?sslmode=verify-full</tt> go to the server as they are. Its password is saved in "
           "the system keychain (PGPASSWORD or <tt>~/.pgpass</tt> do as well), never in the URL "
           "or a settings file. Folders are not watched into a team store yet: index them "
           "again after changes."));
    return page;
}

void SettingsDialog::locationChanged()
{
    m_storePassword->setEnabled(
        m_keychainAvailable && StoreLocation::isUrl(m_database->text().trimmed()));
}

void SettingsDialog::providerChanged()
{
    const auto provider = ProviderKind(m_provider->currentData().toInt());
    const bool remote = provider != ProviderKind::Local;
    m_baseUrl->setEnabled(remote);
    m_model->setEnabled(remote);
    m_localModel->setEnabled(!remote);
    m_apiKey->setEnabled(remote && m_keychainAvailable);
    m_test->setEnabled(true);
    if (provider == ProviderKind::OpenAi)
        m_baseUrl->setPlaceholderText(QStringLiteral("https://api.openai.com/v1"));
    else if (provider == ProviderKind::Ollama)
        m_baseUrl->setPlaceholderText(QStringLiteral("http://localhost:11434"));
    else
        m_baseUrl->setPlaceholderText(QString());
}

void SettingsDialog::showKeychainState(bool available)
{
    m_keychainAvailable = available;
    if (available)
        m_keyNote->setText(tr("The key is saved in the system keychain, never in a settings file. "
                              "OPENAI_API_KEY, when set, takes precedence."));
    else
        m_keyNote->setText(
            tr("No keychain (Secret Service) is available, so no key can be saved. "
               "Set the environment variable OPENAI_API_KEY before starting Signal Hub."));
    providerChanged();
    locationChanged();
}

RunSettings SettingsDialog::runSettings() const
{
    RunSettings s = m_settings.runSettings(); // keeps fields this dialog does not show
    s.provider = ProviderKind(m_provider->currentData().toInt());
    s.baseUrl = m_baseUrl->text().trimmed();
    s.model = s.provider == ProviderKind::Local ? m_localModel->currentData().toString()
                                                : m_model->text().trimmed();
    s.dimensions = m_dimensions->value();
    s.maxInputTokens = m_maxInputTokens->value();
    s.batchSize = m_batchSize->value();
    s.maxBatchTokens = m_maxBatchTokens->value();
    s.concurrency = m_concurrency->value();
    s.adaptive = m_adaptive->isChecked();
    s.requestsPerMinute = m_rpm->value();
    s.tokensPerMinute = m_tpm->value();
    s.maxRetries = m_retries->value();
    s.timeoutSeconds = m_timeout->value();
    s.chunkTokens = m_chunkTokens->value();
    s.excludeGlobs.clear();
    const QStringList lines = m_exclude->toPlainText().split(u'\n');
    for (const QString &line : lines)
        if (!line.trimmed().isEmpty())
            s.excludeGlobs.append(line.trimmed());
    s.maxFileSize = qint64(m_maxFileSizeKib->value()) * 1024;
    s.includeSecretFiles = m_includeSecrets->isChecked();
    s.usdPerMillionTokens
        = m_priceSet->isChecked() ? std::optional<double>(m_price->value()) : std::nullopt;
    s.estimateThresholdUsd = m_threshold->value();
    s.watchBudgetUsdPerDay = m_watchBudget->value();
    return s;
}

void SettingsDialog::setRunSettings(const RunSettings &s)
{
    m_provider->setCurrentIndex(std::max(0, m_provider->findData(int(s.provider))));
    m_baseUrl->setText(s.baseUrl);
    m_model->setText(s.provider == ProviderKind::Local ? QString() : s.model);
    m_localModel->setCurrentIndex(std::max(0, m_localModel->findData(s.effectiveModel())));
    m_dimensions->setValue(s.dimensions);
    m_maxInputTokens->setValue(s.maxInputTokens);
    m_batchSize->setValue(s.batchSize);
    m_maxBatchTokens->setValue(s.maxBatchTokens);
    m_concurrency->setValue(s.concurrency);
    m_adaptive->setChecked(s.adaptive);
    m_rpm->setValue(int(std::min<qint64>(s.requestsPerMinute, std::numeric_limits<int>::max())));
    m_tpm->setValue(int(std::min<qint64>(s.tokensPerMinute, std::numeric_limits<int>::max())));
    m_retries->setValue(s.maxRetries);
    m_timeout->setValue(s.timeoutSeconds);
    m_chunkTokens->setValue(s.chunkTokens);
    m_exclude->setPlainText(s.excludeGlobs.join(u'\n'));
    m_maxFileSizeKib->setValue(int(std::max<qint64>(1, s.maxFileSize / 1024)));
    m_includeSecrets->setChecked(s.includeSecretFiles);
    m_priceSet->setChecked(s.usdPerMillionTokens.has_value());
    m_price->setEnabled(s.usdPerMillionTokens.has_value());
    m_price->setValue(s.usdPerMillionTokens.value_or(0));
    m_threshold->setValue(s.estimateThresholdUsd);
    m_watchBudget->setValue(s.watchBudgetUsdPerDay);
    providerChanged();
}

QString SettingsDialog::validationMessage() const
{
    if (const QString problem = runSettings().validate(); !problem.isEmpty())
        return problem;
    if (const QString location = m_database->text().trimmed(); !location.isEmpty())
        if (const Result<StoreLocation> parsed = StoreLocation::parse(location); !parsed)
            return parsed.errorMessage();
    return EditorCommand::validate(m_editor->text());
}

void SettingsDialog::accept()
{
    const RunSettings s = runSettings();
    if (const QString problem = validationMessage(); !problem.isEmpty()) {
        m_error->setText(problem);
        m_error->show();
        return;
    }
    m_error->hide();
    m_settings.setRunSettings(s);
    m_settings.setEditorCommand(m_editor->text().trimmed());
    m_settings.setDatabasePath(m_database->text().trimmed());
    m_settings.save(); // written on the settings' own thread
    saveStorePassword();
    if (m_keyEdited && m_keychainAvailable && s.provider != ProviderKind::Local) {
        // The dialog may be gone when the keychain answers: report through the parent.
        QWidget *owner = parentWidget() ? parentWidget() : this;
        Core::KeyStore::write(
            s.provider, s.baseUrl, m_apiKey->text().toUtf8(), owner, [owner](const QString &error) {
                if (auto *window = qobject_cast<QMainWindow *>(owner); window && !error.isEmpty())
                    window->statusBar()->showMessage(
                        tr("The API key was not saved in the keychain: %1").arg(error));
            });
    }
    QDialog::accept();
}

void SettingsDialog::saveStorePassword()
{
    const QString url = m_database->text().trimmed();
    if (!m_storePasswordEdited || !m_keychainAvailable || !StoreLocation::isUrl(url))
        return;
    const QByteArray password = m_storePassword->text().toUtf8();
    StoreLocation::setPassword(url, password); // this window's connections use it at once
    QWidget *owner = parentWidget() ? parentWidget() : this;
    Core::KeyStore::writeDatabasePassword(url, password, owner, [owner](const QString &error) {
        if (auto *window = qobject_cast<QMainWindow *>(owner); window && !error.isEmpty())
            window->statusBar()->showMessage(
                tr("The team store's password was not saved in the keychain: %1").arg(error));
    });
}

void SettingsDialog::testConnection()
{
    const RunSettings s = runSettings();
    if (const QString problem = s.validate(); !problem.isEmpty()) {
        m_testResult->setText(problem);
        Q_EMIT connectionTested(false, problem);
        return;
    }
    const quint64 job = ++m_testJob;
    m_test->setEnabled(false);
    m_testResult->setText(tr("Testing…"));
    auto run = [this, s, job](const QByteArray &key) {
        QtConcurrent::run([s, key] {
            return TextEmbedder::embedBlocking(
                s, key, { QStringLiteral("Signal Hub connection test") });
        }).then(this, [this, job](const Result<QList<QList<float>>> &vectors) {
            if (job != m_testJob)
                return;
            m_test->setEnabled(true);
            const bool ok = vectors.hasValue() && !vectors->isEmpty();
            const QString text = ok ? tr("Connected: the model answered with %1 dimensions.")
                                          .arg(vectors->first().size())
                                    : vectors.errorMessage();
            m_testResult->setText(text);
            Q_EMIT connectionTested(ok, text);
        });
    };
    if (m_keyEdited && !m_apiKey->text().isEmpty())
        run(m_apiKey->text().toUtf8());
    else
        Core::KeyStore::read(s.provider, s.baseUrl, this,
            [run](const QByteArray &key, const QString &) { run(key); });
}

} // namespace SignalHub::Ui
