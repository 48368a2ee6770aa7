#include "progressdelegate.h"

#include "indextypes.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace SignalHub::Ui {

ProgressDelegate::ProgressDelegate(int fractionRole, int stateRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_fractionRole(fractionRole)
    , m_stateRole(stateRole)
{ }

void ProgressDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const double fraction = index.data(m_fractionRole).toDouble();
    if (fraction < 0) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(1, 1, -1, -1);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.direction = option.direction;
    bar.fontMetrics = option.fontMetrics;
    bar.palette = option.palette;
    // A full bar reads as success: one with failed chunks must not look like it.
    if (index.data(m_stateRole).toInt() == int(Core::FileProgress::State::Failed))
        bar.palette.setColor(QPalette::Highlight, QColor(0xda, 0x44, 0x53));
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = int(std::clamp(fraction, 0.0, 1.0) * 1000);
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    if (option.state & QStyle::State_Selected)
        painter->fillRect(option.rect, option.palette.highlight());
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

} // namespace SignalHub::Ui
