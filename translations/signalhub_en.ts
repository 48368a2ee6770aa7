<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>SignalHub::Core::IndexWorker</name>
    <message numerus="yes">
        <source>%1 holds %n indexed folder(s), which are now part of it.</source>
        <translation>
            <numerusform>%1 holds %n indexed folder, which is now part of it.</numerusform>
            <numerusform>%1 holds %n indexed folders, which are now part of it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The disk holding the database %1 is full (%2 free). The run stopped; what was stored is kept, and %n chunk(s) are still pending, which need about %3 more. Free some space (or use --db for a database on another disk) and run again: only what is pending is sent.</source>
        <translation>
            <numerusform>The disk holding the database %1 is full (%2 free). The run stopped; what was stored is kept, and %n chunk is still pending, which needs about %3 more. Free some space (or use --db for a database on another disk) and run again: only what is pending is sent.</numerusform>
            <numerusform>The disk holding the database %1 is full (%2 free). The run stopped; what was stored is kept, and %n chunks are still pending, which need about %3 more. Free some space (or use --db for a database on another disk) and run again: only what is pending is sent.</numerusform>
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
    <name>SignalHub::Ui::MainWindow</name>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n hit</numerusform>
            <numerusform>%n hits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::StatusPanel</name>
    <message numerus="yes">
        <source>In the database: %1 files, %2 chunks (%3 stored, %4 failed, %5 pending); %6 tokens paid, %7 in %Ln run(s).</source>
        <translation>
            <numerusform>In the database: %1 files, %2 chunks (%3 stored, %4 failed, %5 pending); %6 tokens paid, %7 in %Ln run.</numerusform>
            <numerusform>In the database: %1 files, %2 chunks (%3 stored, %4 failed, %5 pending); %6 tokens paid, %7 in %Ln runs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message numerus="yes">
        <source>Database: %1
%n folder(s), %2 files (%3 skipped, %4 unreadable), %5 chunks: %6 stored, %7 pending, %8 failed
</source>
        <translation>
            <numerusform>Database: %1
%n folder, %2 files (%3 skipped, %4 unreadable), %5 chunks: %6 stored, %7 pending, %8 failed
</numerusform>
            <numerusform>Database: %1
%n folders, %2 files (%3 skipped, %4 unreadable), %5 chunks: %6 stored, %7 pending, %8 failed
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 vectors in %n space(s); </source>
        <translation>
            <numerusform>%1 vectors in %n space; </numerusform>
            <numerusform>%1 vectors in %n spaces; </numerusform>
        </translation>
    </message>
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
</context>
</TS>
