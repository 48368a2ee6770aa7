#pragma once

#include "storetypes.h"

#include <QByteArray>
#include <QList>

namespace SignalHub::Core {

// Cost reports as files: CSV (safe to open in a spreadsheet) and JSON, with the same content
// for the CLI's `report` and the window's export.
class ReportWriter
{
public:
    static QByteArray csv(const QList<ReportRow> &rows, ReportBy by);
    static QByteArray json(const QList<ReportRow> &rows, ReportBy by);
    static QString byName(ReportBy by);
    static std::optional<ReportBy> byFromName(const QString &name);
    // A cell a spreadsheet cannot take for a formula: quoted, and prefixed with ' when it
    // starts with = + - @ or a tab or carriage return (OWASP's CSV injection advice).
    static QByteArray csvCell(const QString &text);
};

} // namespace SignalHub::Core
