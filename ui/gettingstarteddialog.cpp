#include "gettingstarteddialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace SignalHub::Ui {

namespace {
constexpr int PositionRole = Qt::UserRole;

QString readme()
{
    QFile file(QStringLiteral(":/signalhub/doc/README.md"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}
} // namespace

GettingStartedDialog::GettingStartedDialog(QWidget *parent)
    : QDialog(parent)
    , m_sections(new QListWidget)
    , m_readme(new QTextBrowser)
{
    setObjectName(QStringLiteral("gettingStarted"));
    setWindowTitle(tr("Getting started"));
    auto *steps = new QLabel(
        tr("<ol><li>Choose the embedding model in <b>File › Settings</b>: the built-in one "
           "needs no key and costs nothing; a paid API needs its key there.</li>"
           "<li>Drop a folder on the window, or use <b>File › Add folder</b>. Signal Hub "
           "shows what it will cost before it sends anything above your threshold.</li>"
           "<li>Watch the run on the <b>Index</b> tab; failed chunks are on <b>Failed "
           "chunks</b>, where they can be retried.</li>"
           "<li>Search the indexed code on the <b>Search</b> tab; costs are on <b>Runs and "
           "costs</b>.</li></ol>"));
    steps->setObjectName(QStringLiteral("gettingStartedSteps"));
    steps->setWordWrap(true);
    m_sections->setObjectName(QStringLiteral("readmeSections"));
    m_sections->setAccessibleName(tr("Sections of the README"));
    m_readme->setObjectName(QStringLiteral("readmeView"));
    m_readme->setOpenExternalLinks(true);
    m_readme->setMarkdown(readme());
    // The markdown reader marks headings; each becomes an entry that shows its section.
    for (QTextBlock block = m_readme->document()->begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() == 0)
            continue;
        auto *item = new QListWidgetItem(block.text(), m_sections);
        item->setData(PositionRole, block.position());
    }
    connect(m_sections, &QListWidget::currentRowChanged, this, &GettingStartedDialog::showSection);
    auto *readmeRow = new QHBoxLayout;
    readmeRow->addWidget(m_sections, 1);
    readmeRow->addWidget(m_readme, 3);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(steps);
    layout->addWidget(new QLabel(tr("From the README:")));
    layout->addLayout(readmeRow, 1);
    layout->addWidget(buttons);
    resize(900, 640);
}

QStringList GettingStartedDialog::sections() const
{
    QStringList titles;
    for (int row = 0; row < m_sections->count(); ++row)
        titles.append(m_sections->item(row)->text());
    return titles;
}

void GettingStartedDialog::showSection(int row)
{
    if (row < 0 || row >= m_sections->count())
        return;
    // To the end first, then back: the heading ends up at the top of the view.
    QTextCursor cursor(m_readme->document());
    cursor.movePosition(QTextCursor::End);
    m_readme->setTextCursor(cursor);
    m_readme->ensureCursorVisible();
    cursor.setPosition(m_sections->item(row)->data(PositionRole).toInt());
    m_readme->setTextCursor(cursor);
    m_readme->ensureCursorVisible();
}

} // namespace SignalHub::Ui
