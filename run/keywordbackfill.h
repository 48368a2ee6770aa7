#pragma once

#include "result.h"

#include <atomic>
#include <functional>

namespace SignalHub::Core {

class StoreReader;
class StoreWriter;

// Builds the keyword index for texts stored before it existed: the store keeps no text, so
// their words come from the files, read once. Only files unchanged since they were indexed
// are read (the run cuts the others again, and their words come with the new chunks), and a
// text's words are taken only when the bytes still hash to it, so nothing stale gets in.
class KeywordBackfill
{
public:
    // done and total count files.
    using Progress = std::function<void(int done, int total)>;

    KeywordBackfill(StoreReader &reader, StoreWriter &writer)
        : m_reader(reader)
        , m_writer(writer)
    { }

    // The texts of one source that got their words; stops early when `cancel` becomes true.
    Result<int> run(qint64 sourceId, const std::atomic_bool &cancel, const Progress &progress);

private:
    StoreReader &m_reader;
    StoreWriter &m_writer;
};

} // namespace SignalHub::Core
