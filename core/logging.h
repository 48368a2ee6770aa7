#pragma once

#include <QLoggingCategory>

// One category per part of core; enable with QT_LOGGING_RULES="signalhub.*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcAssets)
Q_DECLARE_LOGGING_CATEGORY(lcScanner)
Q_DECLARE_LOGGING_CATEGORY(lcChunker)
Q_DECLARE_LOGGING_CATEGORY(lcTokenizer)
Q_DECLARE_LOGGING_CATEGORY(lcNetwork)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcIndexer)
Q_DECLARE_LOGGING_CATEGORY(lcModel)
Q_DECLARE_LOGGING_CATEGORY(lcSettings)
