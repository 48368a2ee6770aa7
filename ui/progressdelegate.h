#pragma once

#include <QStyledItemDelegate>

namespace SignalHub::Ui {

// Draws a progress bar from a model's fraction role (0..1; negative: text only), in the
// error colour when the state role says FileProgress::State::Failed.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    ProgressDelegate(int fractionRole, int stateRole, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;

private:
    int m_fractionRole;
    int m_stateRole;
};

} // namespace SignalHub::Ui
