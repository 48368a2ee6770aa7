#pragma once

#include <QDebug>
#include <QProcess>
#include <QString>
#include <QStringList>

// Runs git(1) in `dir` and returns what it printed, or "<git failed>" (logged) when it failed:
// tests make real repositories with git itself rather than with the library under test.
inline QString git(const QString &dir, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.start(QStringLiteral("git"), arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        qWarning() << "git" << arguments << process.readAllStandardError();
        return QStringLiteral("<git failed>");
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}
