#pragma once

#include <QStyledItemDelegate>

namespace SignalHub::Ui {

// Draws a progress bar from a model's fraction role (0..1; negative: text only).
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ProgressDelegate(int fractionRole, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;

private:
    int m_fractionRole;
};

} // namespace SignalHub::Ui
