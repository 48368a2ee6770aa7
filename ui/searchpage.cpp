#include "searchpage.h"

#include "icons.h"
#include "searchmodel.h"
#include "snippetview.h"
#include "syntaxrepository.h"
#include "viewhelpers.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace SignalHub::Ui {

namespace {

struct Language
{
    QString shown;
    QString name; // as the store records it
};

// Runs on a worker: the GUI thread never loads syntax definitions.
QList<Language> knownLanguages()
{
    QList<Language> languages;
    const auto definitions = Core::threadSyntaxRepository().definitions();
    for (const KSyntaxHighlighting::Definition &definition : definitions)
        if (!definition.isHidden())
            languages.append({ definition.translatedName(), definition.name() });
    std::ranges::sort(languages, [](const Language &a, const Language &b) {
        return QString::localeAwareCompare(a.shown, b.shown) < 0;
    });
    return languages;
}

} // namespace

SearchPage::SearchPage(SearchModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    m_query = new QLineEdit;
    m_query->setObjectName(QStringLiteral("query"));
    m_query->setPlaceholderText(tr("Describe what you are looking for…"));
    m_query->setClearButtonEnabled(true);
    m_mode = new QComboBox;
    m_mode->setObjectName(QStringLiteral("searchMode"));
    m_mode->addItem(tr("Words and meaning"), int(Core::Searcher::Mode::Hybrid));
    m_mode->addItem(tr("Meaning only"), int(Core::Searcher::Mode::Vector));
    m_mode->addItem(tr("Words only"), int(Core::Searcher::Mode::Keyword));
    m_mode->setToolTip(tr("Words finds the identifiers and words of the query (parseJsonString "
                          "also finds parse_json_string); meaning finds code that does what the "
                          "query describes; both together rank best."));
    m_pathGlob = new QLineEdit;
    m_pathGlob->setObjectName(QStringLiteral("searchPathGlob"));
    m_pathGlob->setPlaceholderText(tr("all files"));
    m_pathGlob->setClearButtonEnabled(true);
    m_pathGlob->setToolTip(tr("Only files matching this pattern, e.g. *.cpp or src/*/test_*.py: "
                              "with a / it matches the path within the indexed folder, else the "
                              "file name."));
    connect(m_pathGlob, &QLineEdit::returnPressed, this,
        [this] { Q_EMIT searchRequested(m_query->text()); });
    m_language = new QComboBox;
    m_language->setObjectName(QStringLiteral("searchLanguage"));
    m_language->addItem(tr("All languages"), QString());
    m_language->setToolTip(tr("Only files of this language, as the index detected it."));
    QtConcurrent::run(knownLanguages).then(this, [this](const QList<Language> &languages) {
        for (const Language &language : languages)
            m_language->addItem(language.shown, language.name);
    });
    auto *go = new QPushButton(tr("Sea&rch"));
    go->setIcon(Icons::search());
    connect(m_query, &QLineEdit::returnPressed, this,
        [this] { Q_EMIT searchRequested(m_query->text()); });
    connect(go, &QPushButton::clicked, this, [this] { Q_EMIT searchRequested(m_query->text()); });
    m_view = tableFor(m_model, QStringLiteral("searchView"));
    m_view->setSortingEnabled(false);
    m_view->horizontalHeader()->setSectionResizeMode(
        SearchModel::LocationColumn, QHeaderView::ResizeToContents);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &SearchPage::requestSnippet);
    connect(m_view, &QTableView::activated, this, &SearchPage::openCurrent);
    // The best hit shows at once.
    connect(m_model, &SearchModel::finished, this, [this] {
        m_text->setMarkedWords(m_model->words());
        if (m_model->rowCount() > 0)
            m_view->selectRow(0);
    });
    m_text = new SnippetView;
    m_text->setObjectName(QStringLiteral("searchText"));
    m_splitter = new QSplitter(Qt::Vertical);
    m_splitter->setObjectName(QStringLiteral("searchSplitter"));
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_text);
    auto *open = new QPushButton(tr("&Open in editor"));
    open->setIcon(Icons::openInEditor());
    open->setObjectName(QStringLiteral("openHitButton"));
    connect(open, &QPushButton::clicked, this, &SearchPage::openCurrent);
    auto *row = new QHBoxLayout;
    auto *queryLabel = new QLabel(tr("&Query:"));
    queryLabel->setBuddy(m_query);
    row->addWidget(queryLabel);
    row->addWidget(m_query, 1);
    row->addWidget(go);
    row->addWidget(open);
    auto *options = new QHBoxLayout;
    auto *modeLabel = new QLabel(tr("&Find by:"));
    modeLabel->setBuddy(m_mode);
    auto *globLabel = new QLabel(tr("&Files:"));
    globLabel->setBuddy(m_pathGlob);
    options->addWidget(modeLabel);
    options->addWidget(m_mode);
    options->addSpacing(12);
    options->addWidget(globLabel);
    options->addWidget(m_pathGlob, 1);
    options->addSpacing(12);
    auto *languageLabel = new QLabel(tr("&Language:"));
    languageLabel->setBuddy(m_language);
    options->addWidget(languageLabel);
    options->addWidget(m_language);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addLayout(options);
    layout->addWidget(m_splitter);
}

Core::Searcher::Mode SearchPage::mode() const
{
    return Core::Searcher::Mode(m_mode->currentData().toInt());
}

QString SearchPage::pathGlob() const
{
    return m_pathGlob->text().trimmed();
}

QString SearchPage::language() const
{
    return m_language->currentData().toString();
}

void SearchPage::openCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        Q_EMIT openRequested(
            m_model->hit(current.row()).hit.path, m_model->hit(current.row()).hit.startLine);
}

void SearchPage::requestSnippet()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const auto &hit = m_model->hit(current.row()).hit;
    Q_EMIT snippetRequested(hit.path, hit.startLine, hit.endLine);
}

} // namespace SignalHub::Ui
