<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>SignalHub::Core::BatchProcessor</name>
    <message numerus="yes">
        <source>nothing completed for %1 s; %n request(s) in flight, the oldest for %2 s</source>
        <translation>
            <numerusform>nothing completed for %1 s; %n request in flight, for %2 s</numerusform>
            <numerusform>nothing completed for %1 s; %n requests in flight, the oldest for %2 s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::IndexWorker</name>
    <message numerus="yes">
        <source>The disk holding the database %1 is full (%2 free). The run stopped; what was stored is kept, and %n chunk(s) are still pending, which need about %3 more. Free some space (or use --db for a database on another disk) and run again: only what is pending is sent.</source>
        <translation>
            <numerusform>The disk holding the database %1 is full (%2 free). The run stopped; what was stored is kept, and %n chunk is still pending, which needs about %3 more. Free some space (or use --db for a database on another disk) and run again: only what is pending is sent.</numerusform>
            <numerusform>The disk holding the database %1 is full (%2 free). The run stopped; what was stored is kept, and %n chunks are still pending, which need about %3 more. Free some space (or use --db for a database on another disk) and run again: only what is pending is sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %n folder(s) indexed with this model, which are now part of it.</source>
        <translation>
            <numerusform>%1 holds %n folder indexed with this model, which is now part of it.</numerusform>
            <numerusform>%1 holds %n folders indexed with this model, which are now part of it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Building the keyword index of %1 from the %n file(s) indexed before it existed…</source>
        <translation>
            <numerusform>Building the keyword index of %1 from the %n file indexed before it existed…</numerusform>
            <numerusform>Building the keyword index of %1 from the %n files indexed before it existed…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The keyword index of %1 now holds the words of %n more text(s).</source>
        <translation>
            <numerusform>The keyword index of %1 now holds the words of %n more text.</numerusform>
            <numerusform>The keyword index of %1 now holds the words of %n more texts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Indexing together with %n other worker(s) of this team store (%1): each text is embedded by one of you, and paid for once.</source>
        <translation>
            <numerusform>Indexing together with %n other worker of this team store (%1): each text is embedded by one of you, and paid for once.</numerusform>
            <numerusform>Indexing together with %n other workers of this team store (%1): each text is embedded by one of you, and paid for once.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s) were embedded after this worker&apos;s lease on them ran out and a teammate took them over: the teammate stores them.</source>
        <translation>
            <numerusform>%n chunk was embedded after this worker&apos;s lease on it ran out and a teammate took it over: the teammate stores it.</numerusform>
            <numerusform>%n chunks were embedded after this worker&apos;s lease on them ran out and a teammate took them over: the teammate stores them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::TreeWatch</name>
    <message numerus="yes">
        <source>%n folder(s) of %1 are beyond the %2 folder watches allowed by the settings: they are checked every %3 s instead.</source>
        <translation>
            <numerusform>%n folder of %1 is beyond the %2 folder watches allowed by the settings: it is checked every %3 s instead.</numerusform>
            <numerusform>%n folders of %1 are beyond the %2 folder watches allowed by the settings: they are checked every %3 s instead.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The system&apos;s limit of folder watches (fs.inotify.max_user_watches = %2) is reached: %n folder(s) of %1 are checked every %3 s instead of watched. To watch them all, raise it: sudo sysctl fs.inotify.max_user_watches=%4 (and put that setting in /etc/sysctl.d/ to keep it).</source>
        <translation>
            <numerusform>The system&apos;s limit of folder watches (fs.inotify.max_user_watches = %2) is reached: %n folder of %1 is checked every %3 s instead of watched. To watch them all, raise it: sudo sysctl fs.inotify.max_user_watches=%4 (and put that setting in /etc/sysctl.d/ to keep it).</numerusform>
            <numerusform>The system&apos;s limit of folder watches (fs.inotify.max_user_watches = %2) is reached: %n folders of %1 are checked every %3 s instead of watched. To watch them all, raise it: sudo sysctl fs.inotify.max_user_watches=%4 (and put that setting in /etc/sysctl.d/ to keep it).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::FolderRollupModel</name>
    <message numerus="yes">
        <source>%1 (%n file(s))</source>
        <translation>
            <numerusform>%1 (%n file)</numerusform>
            <numerusform>%1 (%n files)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::IndexPage</name>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln chunk(s)</source>
        <translation>
            <numerusform>%Ln chunk</numerusform>
            <numerusform>%Ln chunks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln folder(s)</source>
        <translation>
            <numerusform>%Ln folder</numerusform>
            <numerusform>%Ln folders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::MainWindow</name>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n hit</numerusform>
            <numerusform>%n hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln chunk(s)</source>
        <translation>
            <numerusform>%Ln chunk</numerusform>
            <numerusform>%Ln chunks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>not searched: %n folder(s) indexed with another model (%1)</source>
        <translation>
            <numerusform>not searched: %n folder indexed with another model (%1)</numerusform>
            <numerusform>not searched: %n folders indexed with another model (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %1: %n vector(s) no other folder used were deleted.</source>
        <translation>
            <numerusform>Removed %1: %n vector no other folder used was deleted.</numerusform>
            <numerusform>Removed %1: %n vectors no other folder used were deleted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::SearchModel</name>
    <message numerus="yes">
        <source>(+%n identical)</source>
        <translation>
            <numerusform>(+%n identical)</numerusform>
            <numerusform>(+%n identical)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::StatusPanel</name>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln chunk(s)</source>
        <translation>
            <numerusform>%Ln chunk</numerusform>
            <numerusform>%Ln chunks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln answer(s) 429)</source>
        <translation>
            <numerusform>%1 (%Ln answer 429)</numerusform>
            <numerusform>%1 (%Ln answers 429)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>waiting on %n request(s) for %1 s</source>
        <translation>
            <numerusform>waiting on %n request for %1 s</numerusform>
            <numerusform>waiting on %n requests for %1 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n batch(es) to retry in %1 s</source>
        <translation>
            <numerusform>%n batch to retry in %1 s</numerusform>
            <numerusform>%n batches to retry in %1 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln run(s)</source>
        <translation>
            <numerusform>%Ln run</numerusform>
            <numerusform>%Ln runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unchanged file(s) kept chunks cut by older chunking rules. &lt;a href=&quot;#rechunk&quot;&gt;Cut them again…&lt;/a&gt;</source>
        <translation>
            <numerusform>%Ln unchanged file kept chunks cut by older chunking rules. &lt;a href=&quot;#rechunk&quot;&gt;Cut it again…&lt;/a&gt;</numerusform>
            <numerusform>%Ln unchanged files kept chunks cut by older chunking rules. &lt;a href=&quot;#rechunk&quot;&gt;Cut them again…&lt;/a&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::WatchedFoldersModel</name>
    <message numerus="yes">
        <source>Watched (%n folder(s) checked every few seconds)</source>
        <translation>
            <numerusform>Watched (%n folder checked every few seconds)</numerusform>
            <numerusform>Watched (%n folders checked every few seconds)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message numerus="yes">
        <source>%n run(s), %1 tokens, $%2 in all
</source>
        <translation>
            <numerusform>%n run, %1 tokens, $%2 in all
</numerusform>
            <numerusform>%n runs, %1 tokens, $%2 in all
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s) left pending; the next run sends them.
</source>
        <translation>
            <numerusform>%n chunk left pending; the next run sends it.
</numerusform>
            <numerusform>%n chunks left pending; the next run sends them.
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found</source>
        <translation>
            <numerusform>%n problem found</numerusform>
            <numerusform>%n problems found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s)</source>
        <translation>
            <numerusform>%n chunk</numerusform>
            <numerusform>%n chunks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n retry(s)</source>
        <translation>
            <numerusform>%n retry</numerusform>
            <numerusform>%n retries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n folder</numerusform>
            <numerusform>%n folders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n space(s); </source>
        <translation>
            <numerusform>%1 in %n space; </numerusform>
            <numerusform>%1 in %n spaces; </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n vector(s)</source>
        <translation>
            <numerusform>%n vector</numerusform>
            <numerusform>%n vectors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n vector(s) written to %1.npy and %1.jsonl
</source>
        <translation>
            <numerusform>%n vector written to %1.npy and %1.jsonl
</numerusform>
            <numerusform>%n vectors written to %1.npy and %1.jsonl
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1% %2/%n chunk(s), %3 chunks/s, ETA %4, %5 tokens, $%6</source>
        <translation>
            <numerusform>%1% %2/%n chunk, %3 chunks/s, ETA %4, %5 tokens, $%6</numerusform>
            <numerusform>%1% %2/%n chunks, %3 chunks/s, ETA %4, %5 tokens, $%6</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>not searched: %n folder(s) indexed with another model (%1); give that model&apos;s --provider and --model to search them</source>
        <translation>
            <numerusform>not searched: %n folder indexed with another model (%1); give that model&apos;s --provider and --model to search it</numerusform>
            <numerusform>not searched: %n folders indexed with another model (%1); give that model&apos;s --provider and --model to search them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n text(s) indexed before the keyword index existed are found by meaning only; index their folders again to add their words (nothing is embedded again)</source>
        <translation>
            <numerusform>%n text indexed before the keyword index existed is found by meaning only; index its folder again to add its words (nothing is embedded again)</numerusform>
            <numerusform>%n texts indexed before the keyword index existed are found by meaning only; index their folders again to add their words (nothing is embedded again)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged file(s) keep chunks cut by an older version of the chunking rules; estimate and index with --rechunk to cut them again (their new chunks are sent)
</source>
        <translation>
            <numerusform>%n unchanged file keeps chunks cut by an older version of the chunking rules; estimate and index with --rechunk to cut it again (its new chunks are sent)
</numerusform>
            <numerusform>%n unchanged files keep chunks cut by an older version of the chunking rules; estimate and index with --rechunk to cut them again (their new chunks are sent)
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n path(s) changed</source>
        <translation>
            <numerusform>%1: %n path changed</numerusform>
            <numerusform>%1: %n paths changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %1: %2, %3, and %n vector(s) no other folder used.
</source>
        <translation>
            <numerusform>Removed %1: %2, %3, and %n vector no other folder used.
</numerusform>
            <numerusform>Removed %1: %2, %3, and %n vectors no other folder used.
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %1: %2, %3, %n vector(s).
</source>
        <translation>
            <numerusform>Copied %1: %2, %3, %n vector.
</numerusform>
            <numerusform>Copied %1: %2, %3, %n vectors.
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s) embedded by teammates&apos; workers of the same run (not paid here).
</source>
        <translation>
            <numerusform>%n chunk embedded by teammates&apos; workers of the same run (not paid here).
</numerusform>
            <numerusform>%n chunks embedded by teammates&apos; workers of the same run (not paid here).
</numerusform>
        </translation>
    </message>
</context>
</TS>
