#pragma once

#include <QWidget>

namespace SignalHub::Ui {

class WatchedFoldersModel;

// The indexed folders and whether each is kept current as its files change: a check box per
// folder turns watching off and on; the window does the watching.
class WatchPage : public QWidget
{
    Q_OBJECT

public:
    explicit WatchPage(WatchedFoldersModel *model, QWidget *parent = nullptr);
};

} // namespace SignalHub::Ui
