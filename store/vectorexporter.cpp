#include "vectorexporter.h"

#include "filename.h"
#include "storereader.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace SignalHub::Core {

QByteArray VectorExporter::rowJson(const VectorRow &row, bool withVector) const
{
    QJsonObject object { { QStringLiteral("path"), FileName::display(row.path) },
        { QStringLiteral("start_line"), row.startLine },
        { QStringLiteral("end_line"), row.endLine }, { QStringLiteral("model"), m_space.key.model },
        { QStringLiteral("dimensions"), m_space.key.dimensions } };
    if (row.startColumn >= 0) {
        object.insert(QStringLiteral("start_col"), row.startColumn);
        object.insert(QStringLiteral("end_col"), row.endColumn);
    }
    if (withVector) {
        QJsonArray values;
        for (float v : row.values())
            values.append(double(v));
        object.insert(QStringLiteral("vector"), values);
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

std::optional<Error> VectorExporter::checkSize(const VectorRow &row) const
{
    if (row.vector.size() == qsizetype(m_space.key.dimensions) * qsizetype(sizeof(float)))
        return std::nullopt;
    return m_reader.wrongVectorSize(row.vector.size(), m_space.key.dimensions);
}

Result<qint64> VectorExporter::writeJsonl(QIODevice &out)
{
    qint64 rows = 0;
    std::optional<Error> failed;
    const Status streamed = m_reader.forEachVector(m_space.id, [&](const VectorRow &row) {
        failed = checkSize(row);
        if (!failed && out.write(rowJson(row, true)) < 0)
            failed = Error { QCoreApplication::translate("VectorExporter", "cannot write: %1")
                    .arg(out.errorString()) };
        rows += failed ? 0 : 1;
        return !failed;
    });
    if (!streamed)
        return streamed.error();
    if (failed)
        return *failed;
    return rows;
}

Result<qint64> VectorExporter::writeNpy(const QString &basePath)
{
    // Rows, not vectors: identical text in two files is one vector but two rows.
    auto count = m_reader.vectorRowCount(m_space.id);
    if (!count)
        return count.error();
    QSaveFile npy(basePath + QStringLiteral(".npy"));
    QSaveFile index(basePath + QStringLiteral(".jsonl"));
    if (!npy.open(QIODevice::WriteOnly) || !index.open(QIODevice::WriteOnly))
        return Error { QCoreApplication::translate("VectorExporter", "cannot write %1: %2")
                .arg(basePath, npy.isOpen() ? index.errorString() : npy.errorString()) };
    // NPY format 1.0: magic, version, header length, then a dict padded so data starts at a
    // multiple of 64 bytes.
    QByteArray header = "{'descr': '<f4', 'fortran_order': False, 'shape': ("
        + QByteArray::number(*count) + ", " + QByteArray::number(m_space.key.dimensions) + "), }";
    const qsizetype unpadded = 10 + header.size() + 1;
    header += QByteArray((64 - unpadded % 64) % 64, ' ') + '\n';
    QByteArray preamble("\x93NUMPY\x01\x00", 8);
    preamble += char(header.size() & 0xff);
    preamble += char((header.size() >> 8) & 0xff);
    npy.write(preamble + header);
    qint64 rows = 0;
    std::optional<Error> failed;
    const Status streamed = m_reader.forEachVector(m_space.id, [&](const VectorRow &row) {
        failed = checkSize(row);
        if (!failed
            && (npy.write(row.vector) != row.vector.size() || index.write(rowJson(row, false)) < 0))
            failed = Error { QCoreApplication::translate("VectorExporter", "cannot write %1: %2")
                    .arg(basePath,
                        npy.error() != QFileDevice::NoError ? npy.errorString()
                                                            : index.errorString()) };
        rows += failed ? 0 : 1;
        return !failed;
    });
    if (!streamed)
        return streamed.error();
    if (failed)
        return *failed;
    if (rows != *count)
        return Error { QCoreApplication::translate("VectorExporter",
            "the store changed during the export (%1 of %2 rows); "
            "export again")
                .arg(rows)
                .arg(*count) };
    if (!npy.commit() || !index.commit())
        return Error { QCoreApplication::translate("VectorExporter", "cannot write %1: %2")
                .arg(basePath, npy.errorString()) };
    return rows;
}

} // namespace SignalHub::Core
