#pragma once

#include <QString>

class QAbstractItemModel;
class QObject;
class QSortFilterProxyModel;
class QTableView;

// Small factories shared by the window and its pages, so every table looks and behaves alike.
namespace SignalHub::Ui {

QString dollars(double usd);
// Sorts on `sortRole`, filters case-insensitively on every column.
QSortFilterProxyModel *proxyFor(QAbstractItemModel *model, int sortRole, QObject *parent);
// Row selection, alternating rows, sortable, and Tab leaves the table.
QTableView *tableFor(QAbstractItemModel *model, const QString &name);

} // namespace SignalHub::Ui
