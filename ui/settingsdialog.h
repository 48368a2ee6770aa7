#pragma once

#include "runsettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace SignalHub::Core {
class Settings;
}

namespace SignalHub::Ui {

// Edits the run settings and where the index is kept. OK validates (RunSettings::validate,
// StoreLocation::parse) and writes them through Core::Settings; the API key goes to the
// keychain, never to the settings file.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(SignalHub::Core::Settings &settings, QWidget *parent = nullptr);

    SignalHub::Core::RunSettings runSettings() const;
    void setRunSettings(const SignalHub::Core::RunSettings &settings);
    QString validationMessage() const; // of the run settings and the editor command
    void accept() override;
    void testConnection();

Q_SIGNALS:
    void connectionTested(bool ok, const QString &message);

private:
    QWidget *buildConnectionPage();
    QWidget *buildBatchingPage();
    QWidget *buildFilesPage();
    QWidget *buildEditorPage();
    QWidget *buildIndexPage();
    void providerChanged();
    void locationChanged();
    void saveStorePassword();
    void showKeychainState(bool available);

    SignalHub::Core::Settings &m_settings;
    QComboBox *m_provider;
    QLineEdit *m_baseUrl;
    QLineEdit *m_model;
    QComboBox *m_localModel; // the built-in model's variant
    QSpinBox *m_dimensions;
    QLineEdit *m_apiKey;
    QLabel *m_keyNote;
    QPushButton *m_test;
    QLabel *m_testResult;
    QSpinBox *m_maxInputTokens;
    QSpinBox *m_batchSize;
    QSpinBox *m_maxBatchTokens;
    QSpinBox *m_concurrency;
    QCheckBox *m_adaptive;
    QSpinBox *m_rpm;
    QSpinBox *m_tpm;
    QSpinBox *m_retries;
    QSpinBox *m_timeout;
    QSpinBox *m_chunkTokens;
    QPlainTextEdit *m_exclude;
    QSpinBox *m_maxFileSizeKib;
    QCheckBox *m_includeSecrets;
    QCheckBox *m_priceSet;
    QDoubleSpinBox *m_price;
    QDoubleSpinBox *m_threshold;
    QDoubleSpinBox *m_watchBudget;
    QLineEdit *m_editor;
    QLineEdit *m_database; // a file, or the team store's URL
    QLineEdit *m_storePassword;
    bool m_storePasswordEdited = false;
    QLabel *m_error;
    bool m_keychainAvailable = false;
    bool m_keyEdited = false;
    quint64 m_testJob = 0;
};

} // namespace SignalHub::Ui
