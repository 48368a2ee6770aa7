#pragma once

#include <QWidget>

namespace SignalHub::Ui {

class WatchedFoldersModel;

// The indexed folders and whether each is kept current as its files change: a check box per
// folder turns watching off and on, and "Remove from index" drops the selected folder; the
// window does the watching and the removing.
class WatchPage : public QWidget
{
    Q_OBJECT

public:
    explicit WatchPage(WatchedFoldersModel *model, QWidget *parent = nullptr);

Q_SIGNALS:
    void removeRequested(const QString &root);
};

} // namespace SignalHub::Ui
