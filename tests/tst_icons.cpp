// The window's icons come from our resources when the desktop has no theme for them, render
// at the device pixel ratio asked for (crisp at 2x: 32x32 device pixels for a 16 px icon, not a
// 16 px image scaled up), and every action, button and tab of the real window carries one.

#include "icons.h"
#include "mainwindow.h"
#include "testhome.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QMenu>
#include <QMenuBar>
#include <QPixmap>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

using namespace SignalHub;
using namespace Qt::StringLiterals;
using SignalHub::Ui::Icons;

Q_DECLARE_METATYPE(SignalHub::Ui::Icons::Name)

namespace {
// A theme that does not exist: QIcon::fromTheme finds nothing, so our resources are tested.
const QString kNoTheme = QStringLiteral("signalhub-test-no-such-theme");

int opaquePixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += qAlpha(image.pixel(x, y)) == 255 ? 1 : 0;
    return count;
}

// Empty when the icon renders a non-blank 16 px icon as 32x32 device pixels at ratio 2.
QString problemAt2x(const QIcon &icon)
{
    if (icon.isNull())
        return QStringLiteral("null icon");
    const QPixmap pixmap = icon.pixmap(QSize(16, 16), 2.0);
    if (pixmap.size() != QSize(32, 32) || pixmap.devicePixelRatio() != 2.0)
        return QStringLiteral("%1x%2 device pixels at ratio %3 (want 32x32 at 2)")
            .arg(pixmap.width())
            .arg(pixmap.height())
            .arg(pixmap.devicePixelRatio());
    if (opaquePixels(pixmap.toImage().convertToFormat(QImage::Format_ARGB32)) < 32)
        return QStringLiteral("blank (fewer than 32 opaque pixels)");
    return {};
}
} // namespace

class TestIcons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rendersCrispAt2x_data();
    void rendersCrispAt2x();
    void applicationIconAtSmallAndLargeSizes_data();
    void applicationIconAtSmallAndLargeSizes();
    void windowActionsButtonsAndTabsCarryIcons();
};

void TestIcons::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QIcon::setThemeName(kNoTheme);
    QIcon::setFallbackThemeName(kNoTheme);
    QVERIFY2(QImageReader::supportedImageFormats().contains("svg"),
        "no SVG image plugin: install qt6-svg-plugins (tools/buildroot.packages)");
}

void TestIcons::rendersCrispAt2x_data()
{
    QTest::addColumn<Icons::Name>("name");
    for (Icons::Name name : Icons::all())
        QTest::newRow(qPrintable(Icons::resourcePath(name))) << name;
}

void TestIcons::rendersCrispAt2x()
{
    QFETCH(Icons::Name, name);
    for (const QString &themeName : Icons::themeNames(name))
        QVERIFY2(!QIcon::hasThemeIcon(themeName),
            qPrintable(themeName + u" comes from a theme: the test must see our resources"));
    QVERIFY(QFile::exists(Icons::resourcePath(name)));
    const QIcon icon = Icons::icon(name);
    const QString problem = problemAt2x(icon);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // What the window gets is our SVG, pixel for pixel.
    QCOMPARE(icon.pixmap(QSize(16, 16), 2.0).toImage(),
        Icons::fallback(name).pixmap(QSize(16, 16), 2.0).toImage());
}

void TestIcons::applicationIconAtSmallAndLargeSizes_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("16") << 16;
    QTest::newRow("32") << 32;
    QTest::newRow("256") << 256;
}

void TestIcons::applicationIconAtSmallAndLargeSizes()
{
    QFETCH(int, size);
    const QPixmap pixmap = Icons::application().pixmap(QSize(size, size), 1.0);
    QCOMPARE(pixmap.size(), QSize(size, size));
    // A full tile: most of the square is opaque at every size.
    const int opaque = opaquePixels(pixmap.toImage().convertToFormat(QImage::Format_ARGB32));
    QVERIFY2(opaque > size * size / 2, qPrintable(QString::number(opaque)));
}

void TestIcons::windowActionsButtonsAndTabsCarryIcons()
{
    Ui::MainWindow window;
    QStringList missing;
    const auto check = [&missing](const QString &what, const QIcon &icon) {
        if (const QString problem = problemAt2x(icon); !problem.isEmpty())
            missing.append(what + u": " + problem);
    };
    int actions = 0;
    for (QMenu *menu : window.menuBar()->findChildren<QMenu *>()) {
        for (QAction *action : menu->actions()) {
            if (action->isSeparator() || action->menu())
                continue;
            ++actions;
            check(u"menu action "_s + action->text(), action->icon());
        }
    }
    for (QToolBar *toolbar : window.findChildren<QToolBar *>())
        for (QAction *action : toolbar->actions())
            if (!action->isSeparator())
                check(u"toolbar action "_s + action->text(), action->icon());
    const auto buttons = window.findChildren<QPushButton *>();
    for (QPushButton *button : buttons)
        check(u"button "_s + button->text(), button->icon());
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("tabs"));
    QVERIFY(tabs);
    for (int i = 0; i < tabs->count(); ++i)
        check(u"tab "_s + tabs->tabText(i), tabs->tabIcon(i));
    QVERIFY(actions >= 3);
    QVERIFY(buttons.size() >= 8);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u"\n")));
}

int main(int argc, char *argv[])
{
    QTemporaryDir home;
    useTemporaryHome(home);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("signalhub-test"));
    QApplication::setOrganizationName(QStringLiteral("signalhub"));
    TestIcons test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_icons.moc"
