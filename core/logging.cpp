#include "logging.h"

Q_LOGGING_CATEGORY(lcAssets, "signalhub.assets", QtWarningMsg)
Q_LOGGING_CATEGORY(lcScanner, "signalhub.scanner", QtWarningMsg)
Q_LOGGING_CATEGORY(lcChunker, "signalhub.chunker", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTokenizer, "signalhub.tokenizer", QtWarningMsg)
Q_LOGGING_CATEGORY(lcNetwork, "signalhub.network", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "signalhub.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcIndexer, "signalhub.indexer", QtWarningMsg)
Q_LOGGING_CATEGORY(lcModel, "signalhub.model", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSettings, "signalhub.settings", QtWarningMsg)
