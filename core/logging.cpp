#include "logging.h"

Q_LOGGING_CATEGORY(lcAssets, "signalhub.assets", QtWarningMsg)
Q_LOGGING_CATEGORY(lcScanner, "signalhub.scanner", QtWarningMsg)
Q_LOGGING_CATEGORY(lcChunker, "signalhub.chunker", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTokenizer, "signalhub.tokenizer", QtWarningMsg)
Q_LOGGING_CATEGORY(lcNetwork, "signalhub.network", QtWarningMsg)
// The processor's decisions: cool-downs, learned limits, splits, concurrency changes.
Q_LOGGING_CATEGORY(lcEmbed, "signalhub.embed", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "signalhub.store", QtWarningMsg)
// A run's set-up: its space, price and concurrency, and a switch of space.
Q_LOGGING_CATEGORY(lcIndexer, "signalhub.indexer", QtWarningMsg)
// What a watcher sees and decides: folders watched or polled, batches of changes, runs started.
Q_LOGGING_CATEGORY(lcWatcher, "signalhub.watcher", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSearch, "signalhub.search", QtWarningMsg)
Q_LOGGING_CATEGORY(lcModel, "signalhub.model", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSettings, "signalhub.settings", QtWarningMsg)
// The MCP server: clients, negotiated revisions, sessions, tool calls, reindex runs.
Q_LOGGING_CATEGORY(lcMcp, "signalhub.mcp", QtWarningMsg)
