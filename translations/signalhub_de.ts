<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>Assets</name>
    <message>
        <source>The data file %1 is missing (looked in %2). Reinstall Signal Hub, or run tools/fetch-assets and rebuild.</source>
        <translation>Die Datendatei %1 fehlt (gesucht in %2). Installieren Sie Signal Hub neu oder führen Sie tools/fetch-assets aus und bauen Sie neu.</translation>
    </message>
</context>
<context>
    <name>BpeTokenizer</name>
    <message>
        <source>The token file %1 is damaged (%2). Reinstall Signal Hub, or run tools/fetch-assets and rebuild.</source>
        <translation>Die Token-Datei %1 ist beschädigt (%2). Installieren Sie Signal Hub neu oder führen Sie tools/fetch-assets aus und bauen Sie neu.</translation>
    </message>
    <message>
        <source>its pattern does not compile at %1: %2</source>
        <translation>ihr Muster lässt sich an Stelle %1 nicht übersetzen: %2</translation>
    </message>
    <message>
        <source>Unknown token encoding &quot;%1&quot;; Signal Hub knows %2.</source>
        <translation>Unbekannte Token-Kodierung „%1“; Signal Hub kennt %2.</translation>
    </message>
    <message>
        <source>Cannot read the token file %1: %2.</source>
        <translation>Die Token-Datei %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>no pat_str or bpe_ranks</source>
        <translation>kein pat_str oder bpe_ranks</translation>
    </message>
    <message>
        <source>bad rank %1</source>
        <translation>ungültiger Rang %1</translation>
    </message>
    <message>
        <source>a token without a rank</source>
        <translation>ein Token ohne Rang</translation>
    </message>
    <message>
        <source>token %1 is not base64</source>
        <translation>Token %1 ist nicht Base64-kodiert</translation>
    </message>
    <message>
        <source>token %1 appears twice</source>
        <translation>Token %1 kommt doppelt vor</translation>
    </message>
    <message>
        <source>byte %1 has no token</source>
        <translation>Byte %1 hat kein Token</translation>
    </message>
    <message>
        <source>token %1 repeats an earlier one</source>
        <translation>Token %1 wiederholt ein früheres</translation>
    </message>
</context>
<context>
    <name>DimensionProbe</name>
    <message>
        <source>could not learn the dimensions of model &apos;%1&apos; from the server (%2). Check the model and the server, or pass --dimensions (or set them in Settings).</source>
        <translation>Die Dimensionen des Modells „%1“ ließen sich nicht vom Server erfahren (%2). Prüfen Sie Modell und Server, oder geben Sie --dimensions an (oder setzen Sie sie in den Einstellungen).</translation>
    </message>
    <message>
        <source>no vector in the answer</source>
        <translation>kein Vektor in der Antwort</translation>
    </message>
</context>
<context>
    <name>EmbeddingJson</name>
    <message>
        <source>malformed answer: %1</source>
        <translation>fehlerhafte Antwort: %1</translation>
    </message>
    <message>
        <source>a base64 embedding of odd length</source>
        <translation>ein Base64-Embedding ungerader Länge</translation>
    </message>
    <message>
        <source>an embedding that is neither an array nor base64</source>
        <translation>ein Embedding, das weder ein Array noch Base64 ist</translation>
    </message>
    <message>
        <source>a non-number inside an embedding</source>
        <translation>ein Nicht-Zahlenwert in einem Embedding</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>index %1 out of range for %2 embeddings</source>
        <translation>Index %1 liegt außerhalb des Bereichs für %2 Embeddings</translation>
    </message>
    <message>
        <source>index %1 appears twice</source>
        <translation>Index %1 kommt doppelt vor</translation>
    </message>
</context>
<context>
    <name>EmbeddingValidator</name>
    <message>
        <source>%1 embeddings for %2 inputs</source>
        <translation>%1 Embeddings für %2 Eingaben</translation>
    </message>
    <message>
        <source>%1 dimensions instead of %2 at input %3</source>
        <translation>%1 Dimensionen statt %2 bei Eingabe %3</translation>
    </message>
    <message>
        <source>NaN at input %1</source>
        <translation>NaN bei Eingabe %1</translation>
    </message>
    <message>
        <source>infinite value at input %1</source>
        <translation>unendlicher Wert bei Eingabe %1</translation>
    </message>
    <message>
        <source>zero vector at input %1</source>
        <translation>Nullvektor bei Eingabe %1</translation>
    </message>
</context>
<context>
    <name>FileChunker</name>
    <message>
        <source>cannot read: %1</source>
        <translation>kann nicht lesen: %1</translation>
    </message>
</context>
<context>
    <name>GettingStartedDialog</name>
    <message>
        <source>Getting started</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <source>&lt;ol&gt;&lt;li&gt;Choose the embedding model in &lt;b&gt;File › Settings&lt;/b&gt;: the built-in one needs no key and costs nothing; a paid API needs its key there.&lt;/li&gt;&lt;li&gt;Drop a folder on the window, or use &lt;b&gt;File › Add folder&lt;/b&gt;. Signal Hub shows what it will cost before it sends anything above your threshold.&lt;/li&gt;&lt;li&gt;Watch the run on the &lt;b&gt;Index&lt;/b&gt; tab; failed chunks are on &lt;b&gt;Failed chunks&lt;/b&gt;, where they can be retried.&lt;/li&gt;&lt;li&gt;Search the indexed code on the &lt;b&gt;Search&lt;/b&gt; tab; costs are on &lt;b&gt;Runs and costs&lt;/b&gt;.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;ol&gt;&lt;li&gt;Wählen Sie das Embedding-Modell unter &lt;b&gt;Datei › Einstellungen&lt;/b&gt;: Das eingebaute braucht keinen Schlüssel und kostet nichts; eine bezahlte API braucht dort ihren Schlüssel.&lt;/li&gt;&lt;li&gt;Legen Sie einen Ordner auf dem Fenster ab, oder nutzen Sie &lt;b&gt;Datei › Ordner hinzufügen&lt;/b&gt;. Signal Hub zeigt die Kosten, bevor es etwas über Ihrer Schwelle sendet.&lt;/li&gt;&lt;li&gt;Verfolgen Sie den Lauf auf dem Reiter &lt;b&gt;Indexieren&lt;/b&gt;; fehlgeschlagene Chunks stehen unter &lt;b&gt;Fehlgeschlagene Chunks&lt;/b&gt;, wo sie wiederholt werden können.&lt;/li&gt;&lt;li&gt;Durchsuchen Sie den indexierten Code auf dem Reiter &lt;b&gt;Suche&lt;/b&gt;; die Kosten stehen unter &lt;b&gt;Läufe und Kosten&lt;/b&gt;.&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>Sections of the README</source>
        <translation>Abschnitte der README</translation>
    </message>
    <message>
        <source>From the README:</source>
        <translation>Aus der README:</translation>
    </message>
</context>
<context>
    <name>HttpProvider</name>
    <message>
        <source>no answer within %1 s</source>
        <translation>keine Antwort innerhalb von %1 s</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <source>the server refused the API key (HTTP %1: %2). Check the key, or the variable or file it comes from.</source>
        <translation>der Server hat den API-Schlüssel abgelehnt (HTTP %1: %2). Prüfen Sie den Schlüssel oder die Variable bzw. Datei, aus der er stammt.</translation>
    </message>
    <message>
        <source>the server does not know model &apos;%1&apos; or the URL %2 (HTTP 404: %3).</source>
        <translation>der Server kennt das Modell „%1“ oder die URL %2 nicht (HTTP 404: %3).</translation>
    </message>
    <message>
        <source>[redacted]</source>
        <translation>[entfernt]</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>%1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>%1 answers with something other than JSON: %2</source>
        <translation>%1 antwortet nicht mit JSON: %2</translation>
    </message>
    <message>
        <source>%1 is not an embeddings API (HTTP %2: %3). Check the base URL (--base-url, or Settings): it ends where the API&apos;s paths begin, e.g. https://api.openai.com/v1.</source>
        <translation>%1 ist keine Embeddings-API (HTTP %2: %3). Prüfen Sie die Basis-URL (--base-url oder Einstellungen): Sie endet dort, wo die Pfade der API beginnen, z. B. https://api.openai.com/v1.</translation>
    </message>
</context>
<context>
    <name>OllamaProvider</name>
    <message>
        <source>malformed answer: no &quot;embeddings&quot; array</source>
        <translation>fehlerhafte Antwort: kein „embeddings“-Array</translation>
    </message>
</context>
<context>
    <name>PriceTable</name>
    <message>
        <source>cannot read prices from %1: %2</source>
        <translation>Preise aus %1 können nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a price table: expected {&quot;models&quot;: {&quot;model name&quot;: dollars per 1M tokens}} (%2)</source>
        <translation>%1 ist keine Preistabelle: erwartet wird {&quot;models&quot;: {&quot;Modellname&quot;: Dollar pro 1 Mio. Tokens}} (%2)</translation>
    </message>
    <message>
        <source>%1: the price of %2 is not a number ≥ 0</source>
        <translation>%1: der Preis von %2 ist keine Zahl ≥ 0</translation>
    </message>
</context>
<context>
    <name>RunSettings</name>
    <message>
        <source>unknown provider &apos;%1&apos;: use local, openai or ollama</source>
        <translation>unbekannter Anbieter „%1“: verwenden Sie local, openai oder ollama</translation>
    </message>
    <message>
        <source>the base URL &apos;%1&apos; is not an http(s) URL</source>
        <translation>die Basis-URL „%1“ ist keine http(s)-URL</translation>
    </message>
    <message>
        <source>the built-in model makes 384-dimensional vectors; --dimensions %1 cannot apply</source>
        <translation>das eingebaute Modell erzeugt 384-dimensionale Vektoren; --dimensions %1 ist nicht anwendbar</translation>
    </message>
    <message>
        <source>dimensions must be positive</source>
        <translation>die Dimensionen müssen positiv sein</translation>
    </message>
    <message>
        <source>batch size must be between 1 and 2048 (got %1)</source>
        <translation>die Stapelgröße muss zwischen 1 und 2048 liegen (erhalten: %1)</translation>
    </message>
    <message>
        <source>max tokens per batch must be positive (got %1)</source>
        <translation>die Höchstzahl an Tokens pro Stapel muss positiv sein (erhalten: %1)</translation>
    </message>
    <message>
        <source>concurrency must be between 1 and 256 (got %1)</source>
        <translation>die Parallelität muss zwischen 1 und 256 liegen (erhalten: %1)</translation>
    </message>
    <message>
        <source>retries must be between 0 and 100 (got %1)</source>
        <translation>die Wiederholungen müssen zwischen 0 und 100 liegen (erhalten: %1)</translation>
    </message>
    <message>
        <source>the timeout must be at least 1 second (got %1)</source>
        <translation>das Zeitlimit muss mindestens 1 Sekunde betragen (erhalten: %1)</translation>
    </message>
    <message>
        <source>token sizes must be positive</source>
        <translation>Token-Größen müssen positiv sein</translation>
    </message>
    <message>
        <source>the file size limit must be positive</source>
        <translation>die Dateigrößengrenze muss positiv sein</translation>
    </message>
    <message>
        <source>rate limits must be positive</source>
        <translation>Ratenlimits müssen positiv sein</translation>
    </message>
    <message>
        <source>the price must not be negative</source>
        <translation>der Preis darf nicht negativ sein</translation>
    </message>
    <message>
        <source>the built-in model is minilm (exact) or minilm-int8 (fast), not &apos;%1&apos;</source>
        <translation>das eingebaute Modell ist minilm (genau) oder minilm-int8 (schnell), nicht „%1“</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Cannot save the settings to %1.</source>
        <translation>Die Einstellungen können nicht in %1 gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::BatchProcessor</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1 tokens &gt; limit %2</source>
        <translation>%1 Tokens &gt; Limit %2</translation>
    </message>
    <message>
        <source>the server answers %1-dimensional vectors, but this run expects %2 (model %3). Set the dimensions to %1 (--dimensions, or Settings), or choose the model that makes %2-dimensional vectors.</source>
        <translation>Der Server antwortet mit %1-dimensionalen Vektoren, dieser Lauf erwartet aber %2 (Modell %3). Stellen Sie die Dimensionen auf %1 (--dimensions oder Einstellungen) oder wählen Sie das Modell, das %2-dimensionale Vektoren liefert.</translation>
    </message>
    <message>
        <source>%1. Check the base URL (--base-url, or Settings) and that the server is running.</source>
        <translation>%1. Prüfen Sie die Basis-URL (--base-url oder Einstellungen) und ob der Server läuft.</translation>
    </message>
    <message>
        <source>the server rejects even single chunks (%1). Its limit per input is probably below this run&apos;s chunks of up to %2 tokens: set it with --max-input-tokens (or in Settings).</source>
        <translation>Der Server weist sogar einzelne Chunks ab (%1). Sein Limit pro Eingabe liegt wohl unter den Chunks dieses Laufs mit bis zu %2 Tokens: Setzen Sie es mit --max-input-tokens (oder in den Einstellungen).</translation>
    </message>
    <message>
        <source>%1 tokens &gt; the server&apos;s limit of %2 per input; re-index with smaller chunks (--chunk-tokens below %2)</source>
        <translation>%1 Tokens &gt; Limit des Servers von %2 pro Eingabe; neu indizieren mit kleineren Chunks (--chunk-tokens unter %2)</translation>
    </message>
    <message numerus="yes">
        <source>nothing completed for %1 s; %n request(s) in flight, the oldest for %2 s</source>
        <translation>
            <numerusform>seit %1 s nichts abgeschlossen; %n Anfrage unterwegs, seit %2 s</numerusform>
            <numerusform>seit %1 s nichts abgeschlossen; %n Anfragen unterwegs, die älteste seit %2 s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::EditorCommand</name>
    <message>
        <source>The editor command has a quote that is not closed.</source>
        <translation>Der Editor-Befehl enthält ein nicht geschlossenes Anführungszeichen.</translation>
    </message>
    <message>
        <source>The editor command names no program.</source>
        <translation>Der Editor-Befehl nennt kein Programm.</translation>
    </message>
    <message>
        <source>The editor command must start with the editor&apos;s program, before {file}.</source>
        <translation>Der Editor-Befehl muss mit dem Programm des Editors beginnen, vor {file}.</translation>
    </message>
    <message>
        <source>The editor command must contain {file} where the file&apos;s path goes (and may contain {line}), e.g. kate --line {line} {file}.</source>
        <translation>Der Editor-Befehl muss {file} dort enthalten, wo der Pfad der Datei steht (und darf {line} enthalten), z. B. kate --line {line} {file}.</translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::FolderRemoval</name>
    <message>
        <source>%1 is inside the indexed folder %2, not a folder of its own: remove %2, or index %2 with --exclude to leave it out.</source>
        <translation>%1 liegt im indizierten Ordner %2 und ist kein eigener Ordner: Entfernen Sie %2, oder indizieren Sie %2 mit --exclude, um ihn auszulassen.</translation>
    </message>
    <message>
        <source>%1 is not an indexed folder; &apos;signalhub-cli status&apos; lists them.</source>
        <translation>%1 ist kein indizierter Ordner; &apos;signalhub-cli status&apos; listet sie auf.</translation>
    </message>
    <message>
        <source>Run %1 is indexing into this database now: remove the folder once it has finished, or stop it first.</source>
        <translation>Lauf %1 indiziert gerade in diese Datenbank: Entfernen Sie den Ordner, wenn er fertig ist, oder halten Sie ihn zuerst an.</translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::IndexTransfer</name>
    <message>
        <source>%1 is indexed in %2 already (as %3): remove it there first (&apos;signalhub-cli remove&apos;), or copy into another database.</source>
        <translation>%1 ist in %2 bereits indiziert (als %3): Entfernen Sie ihn dort zuerst (&apos;signalhub-cli remove&apos;), oder kopieren Sie in eine andere Datenbank.</translation>
    </message>
    <message>
        <source>%1 holds no indexed folder to copy.</source>
        <translation>%1 enthält keinen indizierten Ordner zum Kopieren.</translation>
    </message>
    <message>
        <source>%1 holds no indexed folder at %2.</source>
        <translation>%1 enthält keinen indizierten Ordner unter %2.</translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::IndexWorker</name>
    <message>
        <source>This database&apos;s last run used %1; this run uses %2. Vectors of both are kept apart, and search uses the space of the latest run unless told otherwise.</source>
        <translation>Der letzte Lauf dieser Datenbank verwendete %1; dieser Lauf verwendet %2. Die Vektoren beider werden getrennt gehalten, und die Suche verwendet den Raum des neuesten Laufs, sofern nicht anders angegeben.</translation>
    </message>
    <message>
        <source>No price is known for model &apos;%1&apos;: costs are counted as $0 (set one with --price).</source>
        <translation>Für das Modell „%1“ ist kein Preis bekannt: Kosten werden mit 0 $ gezählt (legen Sie einen mit --price fest).</translation>
    </message>
    <message>
        <source>The server limits requests to %1 inputs (%2); using that for the rest of the run.</source>
        <translation>Der Server begrenzt Anfragen auf %1 Eingaben (%2); dieser Wert gilt für den Rest des Laufs.</translation>
    </message>
    <message>
        <source>contains invalid UTF-8, embedded with U+FFFD in its place</source>
        <translation>enthält ungültiges UTF-8, eingebettet mit U+FFFD an dessen Stelle</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1 is inside the indexed folder %2: its files are updated there.</source>
        <translation>%1 liegt im indexierten Ordner %2: Seine Dateien werden dort aktualisiert.</translation>
    </message>
    <message numerus="yes">
        <source>The disk holding the database %1 is full (%2 free). The run stopped; what was stored is kept, and %n chunk(s) are still pending, which need about %3 more. Free some space (or use --db for a database on another disk) and run again: only what is pending is sent.</source>
        <translation>
            <numerusform>Der Datenträger mit der Datenbank %1 ist voll (%2 frei). Der Lauf wurde angehalten; was gespeichert wurde, bleibt erhalten, und %n Chunk ist noch ausstehend, der etwa %3 mehr braucht. Schaffen Sie Platz (oder nehmen Sie mit --db eine Datenbank auf einem anderen Datenträger) und starten Sie erneut: Nur Ausstehendes wird gesendet.</numerusform>
            <numerusform>Der Datenträger mit der Datenbank %1 ist voll (%2 frei). Der Lauf wurde angehalten; was gespeichert wurde, bleibt erhalten, und %n Chunks sind noch ausstehend, die etwa %3 mehr brauchen. Schaffen Sie Platz (oder nehmen Sie mit --db eine Datenbank auf einem anderen Datenträger) und starten Sie erneut: Nur Ausstehendes wird gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 changed while it was being indexed: the next run reads it again.</source>
        <translation>%1 hat sich geändert, während es indexiert wurde: Der nächste Lauf liest es erneut.</translation>
    </message>
    <message>
        <source>changed while being read: the next run reads it again</source>
        <translation>beim Lesen geändert: Der nächste Lauf liest es erneut</translation>
    </message>
    <message>
        <source>Model &apos;%1&apos; makes %2-dimensional vectors (the server&apos;s answer to one short input).</source>
        <translation>Modell „%1“ erzeugt %2-dimensionale Vektoren (die Antwort des Servers auf eine kurze Eingabe).</translation>
    </message>
    <message>
        <source>The server accepts at most %1 tokens per input (%2); longer chunks fail. Re-index with smaller chunks (--chunk-tokens below %1) to store them.</source>
        <translation>Der Server nimmt höchstens %1 Tokens pro Eingabe an (%2); längere Chunks schlagen fehl. Indizieren Sie mit kleineren Chunks neu (--chunk-tokens unter %1), um sie zu speichern.</translation>
    </message>
    <message>
        <source>%1 is inside %2, which is indexed with another model: it gets an index of its own with this run&apos;s model, and %2 keeps its index.</source>
        <translation>%1 liegt in %2, das mit einem anderen Modell indiziert ist: Es bekommt einen eigenen Index mit dem Modell dieses Laufs, und %2 behält seinen Index.</translation>
    </message>
    <message>
        <source>%1 was indexed with another model: from this run on it is kept with %2 (the other model&apos;s vectors are kept, so switching back is free).</source>
        <translation>%1 war mit einem anderen Modell indiziert: Ab diesem Lauf wird es mit %2 geführt (die Vektoren des anderen Modells bleiben erhalten, ein Zurückwechseln kostet nichts).</translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %n folder(s) indexed with this model, which are now part of it.</source>
        <translation>
            <numerusform>%1 enthält %n mit diesem Modell indizierten Ordner, der nun dazugehört.</numerusform>
            <numerusform>%1 enthält %n mit diesem Modell indizierte Ordner, die nun dazugehören.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 changed since it was indexed: its chosen chunks stay pending until its folder is indexed again.</source>
        <translation>%1 hat sich seit der Indizierung geändert: Seine ausgewählten Abschnitte bleiben ausstehend, bis sein Ordner erneut indiziert wird.</translation>
    </message>
    <message numerus="yes">
        <source>Building the keyword index of %1 from the %n file(s) indexed before it existed…</source>
        <translation>
            <numerusform>Der Stichwortindex von %1 wird aus der %n Datei aufgebaut, die vor ihm indexiert wurde …</numerusform>
            <numerusform>Der Stichwortindex von %1 wird aus den %n Dateien aufgebaut, die vor ihm indexiert wurden …</numerusform>
        </translation>
    </message>
    <message>
        <source>Keyword index of %1: %2 of %3 files read.</source>
        <translation>Stichwortindex von %1: %2 von %3 Dateien gelesen.</translation>
    </message>
    <message numerus="yes">
        <source>The keyword index of %1 now holds the words of %n more text(s).</source>
        <translation>
            <numerusform>Der Stichwortindex von %1 enthält jetzt die Wörter von %n weiteren Text.</numerusform>
            <numerusform>Der Stichwortindex von %1 enthält jetzt die Wörter von %n weiteren Texten.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is the folder indexed at %2 before, which is gone: its index moved with it, and only what changed is read again.</source>
        <translation>%1 ist der zuvor unter %2 indizierte Ordner, den es dort nicht mehr gibt: Sein Index ist mit umgezogen, und nur Geändertes wird neu gelesen.</translation>
    </message>
    <message>
        <source>#%1 on %2</source>
        <translation>#%1 auf %2</translation>
    </message>
    <message numerus="yes">
        <source>Indexing together with %n other worker(s) of this team store (%1): each text is embedded by one of you, and paid for once.</source>
        <translation>
            <numerusform>Indexiert zusammen mit %n weiteren Worker dieses Team-Speichers (%1): Jeder Text wird von einem von Ihnen eingebettet und einmal bezahlt.</numerusform>
            <numerusform>Indexiert zusammen mit %n weiteren Workern dieses Team-Speichers (%1): Jeder Text wird von einem von Ihnen eingebettet und einmal bezahlt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s) were embedded after this worker&apos;s lease on them ran out and a teammate took them over: the teammate stores them.</source>
        <translation>
            <numerusform>%n Chunk wurde eingebettet, nachdem die Reservierung dieses Workers abgelaufen war und ein Teammitglied ihn übernommen hatte: Das Teammitglied speichert ihn.</numerusform>
            <numerusform>%n Chunks wurden eingebettet, nachdem die Reservierung dieses Workers abgelaufen war und ein Teammitglied sie übernommen hatte: Das Teammitglied speichert sie.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::MiniLmEmbedder</name>
    <message>
        <source>The built-in embedding model failed: %1</source>
        <translation>Das eingebaute Embedding-Modell ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Input %1 has %2 tokens; the built-in model takes 1 to %3.</source>
        <translation>Eingabe %1 hat %2 Tokens; das eingebaute Modell nimmt 1 bis %3.</translation>
    </message>
    <message>
        <source>Input %1 holds token id %2, outside the built-in model&apos;s vocabulary of %3.</source>
        <translation>Eingabe %1 enthält die Token-ID %2, außerhalb des Vokabulars des eingebauten Modells mit %3 Einträgen.</translation>
    </message>
    <message>
        <source>The built-in embedding model returned vectors of an unexpected shape; its model file may be damaged.</source>
        <translation>Das eingebaute Embedding-Modell hat Vektoren unerwarteter Form geliefert; seine Modelldatei ist möglicherweise beschädigt.</translation>
    </message>
    <message>
        <source>Cannot read the built-in model %1: %2</source>
        <translation>Das eingebaute Modell %1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::PgSchema</name>
    <message>
        <source>Database error in %1 on %2: %3</source>
        <translation>Datenbankfehler in %1 auf %2: %3</translation>
    </message>
    <message>
        <source>the local socket</source>
        <translation>dem lokalen Socket</translation>
    </message>
    <message>
        <source>The database %1 lacks the pgvector extension, and user %2 may not create it (%3). Its owner can: psql -d %1 -c &apos;CREATE EXTENSION vector&apos; (Debian: postgresql-17-pgvector).</source>
        <translation>Der Datenbank %1 fehlt die Erweiterung pgvector, und Benutzer %2 darf sie nicht anlegen (%3). Ihr Eigentümer kann es: psql -d %1 -c &apos;CREATE EXTENSION vector&apos; (Debian: postgresql-17-pgvector).</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(Vorgabe)</translation>
    </message>
    <message>
        <source>The database %1 was laid out by a newer Signal Hub (version %2; this version reads up to %3). Use a newer Signal Hub.</source>
        <translation>Die Datenbank %1 wurde von einem neueren Signal Hub angelegt (Version %2; diese Version liest bis %3). Verwenden Sie einen neueren Signal Hub.</translation>
    </message>
    <message>
        <source>A model of %1 dimensions is more than pgvector can index (%2 at most): choose fewer dimensions (--dimensions, for models that can shorten their vectors) or another model for the team store.</source>
        <translation>Ein Modell mit %1 Dimensionen ist mehr, als pgvector indizieren kann (höchstens %2): Wählen Sie weniger Dimensionen (--dimensions, bei Modellen, die ihre Vektoren kürzen können) oder ein anderes Modell für den gemeinsamen Speicher.</translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::RetryScope</name>
    <message>
        <source>The chosen chunks belong to folders indexed with different models: retry them one model at a time.</source>
        <translation>Die ausgewählten Abschnitte gehören zu Ordnern, die mit verschiedenen Modellen indiziert sind: Wiederholen Sie sie jeweils für ein Modell.</translation>
    </message>
    <message>
        <source>The chosen chunks belong to folders indexed with another model: retry them with that model, or index their folders with this one.</source>
        <translation>Die ausgewählten Abschnitte gehören zu Ordnern, die mit einem anderen Modell indiziert sind: Wiederholen Sie sie mit jenem Modell oder indizieren Sie ihre Ordner mit diesem.</translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::Scanner</name>
    <message>
        <source>FIFO</source>
        <translation>FIFO</translation>
    </message>
    <message>
        <source>socket</source>
        <translation>Socket</translation>
    </message>
    <message>
        <source>device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>special file</source>
        <translation>Spezialdatei</translation>
    </message>
    <message>
        <source>unreadable: %1</source>
        <translation>nicht lesbar: %1</translation>
    </message>
    <message>
        <source>not a regular file (%1)</source>
        <translation>keine reguläre Datei (%1)</translation>
    </message>
    <message>
        <source>unreadable folder: %1</source>
        <translation>nicht lesbarer Ordner: %1</translation>
    </message>
    <message>
        <source>symlink to folder &apos;%1&apos;, already scanned</source>
        <translation>symbolische Verknüpfung auf den Ordner „%1“, bereits durchsucht</translation>
    </message>
    <message>
        <source>excluded by --exclude &apos;%1&apos;</source>
        <translation>ausgeschlossen durch --exclude „%1“</translation>
    </message>
    <message>
        <source>ignored by %1 (&apos;%2&apos;)</source>
        <translation>ignoriert durch %1 („%2“)</translation>
    </message>
    <message>
        <source>version control data</source>
        <translation>Versionsverwaltungsdaten</translation>
    </message>
    <message>
        <source>vanished while scanning</source>
        <translation>während des Durchsuchens verschwunden</translation>
    </message>
    <message>
        <source>broken symlink: %1</source>
        <translation>defekte symbolische Verknüpfung: %1</translation>
    </message>
    <message>
        <source>symlink to &apos;%1&apos;, outside the root</source>
        <translation>symbolische Verknüpfung auf „%1“, außerhalb des Wurzelordners</translation>
    </message>
    <message>
        <source>symlink to &apos;%1&apos;, scanned at its own path</source>
        <translation>symbolische Verknüpfung auf „%1“, unter ihrem eigenen Pfad durchsucht</translation>
    </message>
    <message>
        <source>generated (lock file)</source>
        <translation>generiert (Lock-Datei)</translation>
    </message>
    <message>
        <source>minified (name matches *.min.*)</source>
        <translation>minifiziert (Name passt auf *.min.*)</translation>
    </message>
    <message>
        <source>larger than %1 (%2)</source>
        <translation>größer als %1 (%2)</translation>
    </message>
    <message>
        <source>binary (NUL byte at offset %1)</source>
        <translation>binär (NUL-Byte an Position %1)</translation>
    </message>
    <message>
        <source>binary (%1)</source>
        <translation>binär (%1)</translation>
    </message>
    <message>
        <source>generated (marked &apos;%1&apos;)</source>
        <translation>generiert (markiert mit „%1“)</translation>
    </message>
    <message>
        <source>minified (average line %1 bytes)</source>
        <translation>minifiziert (durchschnittliche Zeile %1 Bytes)</translation>
    </message>
    <message>
        <source>dangling symlink to &apos;%1&apos; (%2)</source>
        <translation>symbolische Verknüpfung ins Leere auf „%1“ (%2)</translation>
    </message>
    <message>
        <source>may hold secrets (matches &apos;%1&apos;)</source>
        <translation>kann Geheimnisse enthalten (passt auf „%1“)</translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::Store</name>
    <message>
        <source>%1 is a folder, not a database file. Give a file name, e.g. %1/signalhub.sqlite.</source>
        <translation>%1 ist ein Ordner, keine Datenbankdatei. Geben Sie einen Dateinamen an, z. B. %1/signalhub.sqlite.</translation>
    </message>
    <message>
        <source>There is no Signal Hub database at %1 yet: index a folder first.</source>
        <translation>Unter %1 gibt es noch keine Signal-Hub-Datenbank: indexieren Sie zuerst einen Ordner.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database. Choose another location with --db.</source>
        <translation>Der Ordner %1 für die Datenbank kann nicht angelegt werden. Wählen Sie mit --db einen anderen Ort.</translation>
    </message>
    <message>
        <source>Cannot write to the database %1: permission denied. Check the permissions of the file and its folder, or choose another location with --db.</source>
        <translation>In die Datenbank %1 kann nicht geschrieben werden: Zugriff verweigert. Prüfen Sie die Rechte der Datei und ihres Ordners oder wählen Sie mit --db einen anderen Ort.</translation>
    </message>
    <message>
        <source>Cannot write to the database %1: it could not be switched to write-ahead logging (is the file or its folder read-only?).</source>
        <translation>In die Datenbank %1 kann nicht geschrieben werden: sie ließ sich nicht auf Write-Ahead-Logging umstellen (ist die Datei oder ihr Ordner schreibgeschützt?).</translation>
    </message>
    <message>
        <source>Another Signal Hub process kept the database %1 busy for %2 s; gave up waiting. Let it finish, or use another database with --db.</source>
        <translation>Ein anderer Signal-Hub-Prozess hat die Datenbank %1 %2 s lang belegt; das Warten wurde aufgegeben. Lassen Sie ihn fertig werden oder verwenden Sie mit --db eine andere Datenbank.</translation>
    </message>
    <message>
        <source>Waiting for another Signal Hub process that is writing to the database %1…</source>
        <translation>Warte auf einen anderen Signal-Hub-Prozess, der in die Datenbank %1 schreibt…</translation>
    </message>
    <message>
        <source>%1 is not a Signal Hub database (it is not an SQLite file). Choose another file with --db.</source>
        <translation>%1 ist keine Signal-Hub-Datenbank (es ist keine SQLite-Datei). Wählen Sie mit --db eine andere Datei.</translation>
    </message>
    <message>
        <source>Cannot open the database %1 for writing (%2). Check the permissions of the file and its folder, or choose another location with --db.</source>
        <translation>Die Datenbank %1 kann nicht zum Schreiben geöffnet werden (%2). Prüfen Sie die Rechte der Datei und ihres Ordners oder wählen Sie mit --db einen anderen Ort.</translation>
    </message>
    <message>
        <source>The disk holding the database %1 is full.</source>
        <translation>Der Datenträger mit der Datenbank %1 ist voll.</translation>
    </message>
    <message>
        <source>Reading or writing the database %1 failed (%2).</source>
        <translation>Lesen oder Schreiben der Datenbank %1 ist fehlgeschlagen (%2).</translation>
    </message>
    <message>
        <source>Another Signal Hub process is using the database %1; try again when it has finished.</source>
        <translation>Ein anderer Signal-Hub-Prozess verwendet die Datenbank %1; versuchen Sie es erneut, wenn er fertig ist.</translation>
    </message>
    <message>
        <source>Database error in %1: %2</source>
        <translation>Datenbankfehler in %1: %2</translation>
    </message>
    <message>
        <source>%1 is an SQLite database of another application, not a Signal Hub database. Choose another file with --db.</source>
        <translation>%1 ist eine SQLite-Datenbank einer anderen Anwendung, keine Signal-Hub-Datenbank. Wählen Sie mit --db eine andere Datei.</translation>
    </message>
    <message>
        <source>%1 was written by a newer Signal Hub (database version %2; this version reads up to %3). Use a newer Signal Hub, or another database with --db.</source>
        <translation>%1 wurde von einem neueren Signal Hub geschrieben (Datenbankversion %2; diese Version liest bis %3). Verwenden Sie einen neueren Signal Hub oder mit --db eine andere Datenbank.</translation>
    </message>
    <message>
        <source>Could not upgrade the database %1 to version %2: %3</source>
        <translation>Die Datenbank %1 konnte nicht auf Version %2 aktualisiert werden: %3</translation>
    </message>
    <message>
        <source>A source folder needs a path.</source>
        <translation>Ein Quellordner braucht einen Pfad.</translation>
    </message>
    <message>
        <source>An embedding space needs a provider, a model and a positive number of dimensions.</source>
        <translation>Ein Embedding-Raum braucht einen Anbieter, ein Modell und eine positive Zahl von Dimensionen.</translation>
    </message>
    <message>
        <source>Unknown source %1.</source>
        <translation>Unbekannte Quelle %1.</translation>
    </message>
    <message>
        <source>Unknown run %1.</source>
        <translation>Unbekannter Lauf %1.</translation>
    </message>
    <message>
        <source>A file needs a path.</source>
        <translation>Eine Datei braucht einen Pfad.</translation>
    </message>
    <message>
        <source>Invalid chunk (lines %1-%2) of %3.</source>
        <translation>Ungültiger Chunk (Zeilen %1–%2) von %3.</translation>
    </message>
    <message>
        <source>Unknown file %1.</source>
        <translation>Unbekannte Datei %1.</translation>
    </message>
    <message>
        <source>A vector to store has no text hash.</source>
        <translation>Einem zu speichernden Vektor fehlt der Text-Hash.</translation>
    </message>
    <message>
        <source>A vector has %1 dimensions where its embedding space has %2; nothing of this batch was stored.</source>
        <translation>Ein Vektor hat %1 Dimensionen, sein Embedding-Raum aber %2; von diesem Stapel wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>A vector holds NaN or infinity; nothing of this batch was stored.</source>
        <translation>Ein Vektor enthält NaN oder Unendlich; von diesem Stapel wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>Unknown embedding space %1.</source>
        <translation>Unbekannter Embedding-Raum %1.</translation>
    </message>
    <message>
        <source>A failed chunk needs a reason a person can act on.</source>
        <translation>Ein fehlgeschlagener Chunk braucht einen Grund, mit dem man etwas anfangen kann.</translation>
    </message>
    <message>
        <source>Unknown chunk %1.</source>
        <translation>Unbekannter Chunk %1.</translation>
    </message>
    <message>
        <source>The database writer has been closed.</source>
        <translation>Der Datenbank-Schreiber wurde geschlossen.</translation>
    </message>
    <message>
        <source>Timed out waiting for the database writer to commit.</source>
        <translation>Zeitüberschreitung beim Warten auf den Commit des Datenbank-Schreibers.</translation>
    </message>
    <message>
        <source>Internal error while writing to the database: %1</source>
        <translation>Interner Fehler beim Schreiben in die Datenbank: %1</translation>
    </message>
    <message>
        <source>Internal error while writing to the database.</source>
        <translation>Interner Fehler beim Schreiben in die Datenbank.</translation>
    </message>
    <message>
        <source>The write did not run.</source>
        <translation>Der Schreibvorgang wurde nicht ausgeführt.</translation>
    </message>
    <message>
        <source>Could not copy it to %1 first (%2).</source>
        <translation>Sie konnte vorher nicht nach %1 kopiert werden (%2).</translation>
    </message>
    <message>
        <source>Could not upgrade the database %1 to version %2 (its copy from before the upgrade is kept at %3): %4</source>
        <translation>Die Datenbank %1 konnte nicht auf Version %2 aktualisiert werden (ihre Kopie von vor der Aktualisierung bleibt unter %3 erhalten): %4</translation>
    </message>
    <message>
        <source>Cannot mark run %1 as running in %2: %3</source>
        <translation>Lauf %1 kann in %2 nicht als laufend markiert werden: %3</translation>
    </message>
    <message>
        <source>restore a backup of it</source>
        <translation>eine Sicherung davon zurückspielen</translation>
    </message>
    <message>
        <source>restore %1, its copy from before an upgrade</source>
        <translation>%1 zurückspielen, ihre Kopie von vor einer Aktualisierung</translation>
    </message>
    <message>
        <source>The database %1 is damaged (%2); nothing more is written to it. To recover, stop every Signal Hub process that uses it, then either salvage what can be read:
  sqlite3 %3 .recover | sqlite3 -cmd &apos;.dbconfig defensive off&apos; %4
and once &apos;signalhub-cli check --db %4&apos; says ok, use %4 and index its folders again with --rechunk, which puts back the chunks the damage lost (texts whose vectors were saved are not sent again); or %5; or move it aside and index again.</source>
        <translation>Die Datenbank %1 ist beschädigt (%2); es wird nichts mehr in sie geschrieben. Zur Wiederherstellung beenden Sie jeden Signal-Hub-Prozess, der sie verwendet, und retten dann entweder, was sich lesen lässt:
  sqlite3 %3 .recover | sqlite3 -cmd &apos;.dbconfig defensive off&apos; %4
und sobald &apos;signalhub-cli check --db %4&apos; ok meldet, verwenden Sie %4 und indexieren ihre Ordner erneut mit --rechunk, was die durch den Schaden verlorenen Chunks zurückbringt (Texte, deren Vektoren gerettet wurden, werden nicht erneut gesendet); oder %5; oder verschieben Sie sie und indexieren Sie erneut.</translation>
    </message>
    <message>
        <source>a vector of %1 bytes where %2 dimensions take %3</source>
        <translation>ein Vektor mit %1 Bytes, wo %2 Dimensionen %3 belegen</translation>
    </message>
    <message>
        <source>Cannot open the watch lock %1: %2</source>
        <translation>Die Überwachungssperre %1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>Cannot take the watch lock %1: %2</source>
        <translation>Die Überwachungssperre %1 lässt sich nicht setzen: %2</translation>
    </message>
    <message>
        <source>%1 is not inside the indexed folder %2.</source>
        <translation>%1 liegt nicht im indizierten Ordner %2.</translation>
    </message>
    <message>
        <source>%1 is a PostgreSQL database, which its server checks itself; check verifies SQLite files.</source>
        <translation>%1 ist eine PostgreSQL-Datenbank, die ihr Server selbst prüft; check prüft SQLite-Dateien.</translation>
    </message>
    <message>
        <source>Cannot connect to the team store %1: %2 A password goes in ~/.pgpass (or the file PGPASSFILE names) or PGPASSWORD, never in the URL.</source>
        <translation>Keine Verbindung zum Team-Speicher %1: %2 Ein Passwort gehört in ~/.pgpass (oder die Datei, die PGPASSFILE nennt) oder in PGPASSWORD, nie in die URL.</translation>
    </message>
    <message>
        <source>The team store %1 holds no Signal Hub index yet: index a folder first.</source>
        <translation>Der Team-Speicher %1 enthält noch keinen Signal-Hub-Index: Indizieren Sie zuerst einen Ordner.</translation>
    </message>
    <message>
        <source>The team store %1 is laid out for another version of Signal Hub (%2; this one reads %3): index with this version first, or use the version that laid it out.</source>
        <translation>Der Team-Speicher %1 ist für eine andere Version von Signal Hub angelegt (%2; diese liest %3): Indizieren Sie zuerst mit dieser Version, oder verwenden Sie die Version, die ihn angelegt hat.</translation>
    </message>
    <message>
        <source>The disk of the team store %1 is full.</source>
        <translation>Der Datenträger des Team-Speichers %1 ist voll.</translation>
    </message>
    <message>
        <source>The team store %1 refused a change (%2): this database user may only read. Index with a user that may write.</source>
        <translation>Der Team-Speicher %1 hat eine Änderung abgelehnt (%2): Dieser Datenbankbenutzer darf nur lesen. Indizieren Sie mit einem Benutzer, der schreiben darf.</translation>
    </message>
    <message>
        <source>Lost the connection to the team store %1 (%2).</source>
        <translation>Die Verbindung zum Team-Speicher %1 ist abgebrochen (%2).</translation>
    </message>
    <message>
        <source>The file %1 was written and removed at once by another run; index again.</source>
        <translation>Die Datei %1 wurde von einem anderen Lauf gleichzeitig geschrieben und entfernt; indexieren Sie erneut.</translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::StoreLocation</name>
    <message>
        <source>The database URL holds a password, which would be seen in process lists and shell histories: remove it from the URL and put it in ~/.pgpass (or the file PGPASSFILE names), in PGPASSWORD, or in the keychain from the window&apos;s settings.</source>
        <translation>Die Datenbank-URL enthält ein Passwort, das in Prozesslisten und Shell-Verläufen zu sehen wäre: Entfernen Sie es aus der URL und legen Sie es in ~/.pgpass ab (oder in der Datei, die PGPASSFILE nennt), in PGPASSWORD oder im Schlüsselbund über die Einstellungen des Fensters.</translation>
    </message>
    <message>
        <source>%1 is not a PostgreSQL URL (postgresql://[user@]host[:port]/database[?sslmode=verify-full]): %2</source>
        <translation>%1 ist keine PostgreSQL-URL (postgresql://[benutzer@]host[:port]/datenbank[?sslmode=verify-full]): %2</translation>
    </message>
    <message>
        <source>%1 names no database: postgresql://host/DATABASE</source>
        <translation>%1 nennt keine Datenbank: postgresql://host/DATENBANK</translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::TreeWatch</name>
    <message numerus="yes">
        <source>%n folder(s) of %1 are beyond the %2 folder watches allowed by the settings: they are checked every %3 s instead.</source>
        <translation>
            <numerusform>%n Ordner von %1 liegt jenseits der %2 Ordnerüberwachungen, die die Einstellungen erlauben: er wird stattdessen alle %3 s geprüft.</numerusform>
            <numerusform>%n Ordner von %1 liegen jenseits der %2 Ordnerüberwachungen, die die Einstellungen erlauben: sie werden stattdessen alle %3 s geprüft.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The system&apos;s limit of folder watches (fs.inotify.max_user_watches = %2) is reached: %n folder(s) of %1 are checked every %3 s instead of watched. To watch them all, raise it: sudo sysctl fs.inotify.max_user_watches=%4 (and put that setting in /etc/sysctl.d/ to keep it).</source>
        <translation>
            <numerusform>Die Grenze des Systems für Ordnerüberwachungen (fs.inotify.max_user_watches = %2) ist erreicht: %n Ordner von %1 wird alle %3 s geprüft statt überwacht. Um alle zu überwachen, erhöhen Sie sie: sudo sysctl fs.inotify.max_user_watches=%4 (und tragen Sie diese Einstellung in /etc/sysctl.d/ ein, damit sie bleibt).</numerusform>
            <numerusform>Die Grenze des Systems für Ordnerüberwachungen (fs.inotify.max_user_watches = %2) ist erreicht: %n Ordner von %1 werden alle %3 s geprüft statt überwacht. Um alle zu überwachen, erhöhen Sie sie: sudo sysctl fs.inotify.max_user_watches=%4 (und tragen Sie diese Einstellung in /etc/sysctl.d/ ein, damit sie bleibt).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Core::Watcher</name>
    <message>
        <source>Cannot watch folders for changes (inotify: %1); raise fs.inotify.max_user_instances or close other programs that watch files.</source>
        <translation>Ordner lassen sich nicht auf Änderungen überwachen (inotify: %1); erhöhen Sie fs.inotify.max_user_instances oder schließen Sie andere Programme, die Dateien überwachen.</translation>
    </message>
    <message>
        <source>Cannot watch %1: %2</source>
        <translation>%1 lässt sich nicht überwachen: %2</translation>
    </message>
    <message>
        <source>%1 is kept current by %2: this process does not watch it too.</source>
        <translation>%1 wird von %2 aktuell gehalten: dieser Prozess überwacht sie nicht zusätzlich.</translation>
    </message>
    <message>
        <source>its changes would cost about %1, more than the %2 a run may cost without asking (the estimate threshold); index it to send them.</source>
        <translation>seine Änderungen würden etwa %1 kosten, mehr als die %2, die ein Lauf ohne Nachfrage kosten darf (die Schätzungsschwelle); indexieren Sie ihn, um sie zu senden.</translation>
    </message>
    <message>
        <source>its changes would cost about %1, and watching has spent %2 of its %3 budget today; they wait for tomorrow&apos;s budget, or index it to send them now.</source>
        <translation>seine Änderungen würden etwa %1 kosten, und die Überwachung hat heute schon %2 ihres Budgets von %3 ausgegeben; sie warten auf das Budget von morgen, oder indexieren Sie ihn, um sie jetzt zu senden.</translation>
    </message>
    <message>
        <source>Not indexing the changes of %1: %2</source>
        <translation>Die Änderungen in %1 werden nicht indexiert: %2</translation>
    </message>
    <message>
        <source>Watching folders into the team store %1 is not built yet; index them again after changes (only what changed is read).</source>
        <translation>Das Beobachten von Ordnern in den Team-Speicher %1 ist noch nicht gebaut; indizieren Sie sie nach Änderungen erneut (nur Geändertes wird gelesen).</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::AgentsPage</name>
    <message>
        <source>Ser&amp;ve coding agents (MCP) while this window is open</source>
        <translation>Coding-Agenten über MCP &amp;bedienen, solange dieses Fenster offen ist</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>&amp;Zeigen</translation>
    </message>
    <message>
        <source>&amp;Copy token</source>
        <translation>Token &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy con&amp;figuration</source>
        <translation>Konfiguration k&amp;opieren</translation>
    </message>
    <message>
        <source>Coding agents such as Claude Code or Cursor can search the indexed code, read around what they find and see files just saved, through the Model Context Protocol. The window serves it on this computer only (127.0.0.1), to clients that present the token below. Without the window, &lt;tt&gt;signalhub-cli mcp&lt;/tt&gt; serves the same.</source>
        <translation>Coding-Agenten wie Claude Code oder Cursor können über das Model Context Protocol den indexierten Code durchsuchen, rund um Fundstellen lesen und gerade gespeicherte Dateien sehen. Das Fenster bedient es nur auf diesem Rechner (127.0.0.1) und nur Clients, die das Token unten vorlegen. Ohne Fenster bedient &lt;tt&gt;signalhub-cli mcp&lt;/tt&gt; dasselbe.</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>For a project&apos;s &lt;tt&gt;.mcp.json&lt;/tt&gt; (Claude Code) or Cursor&apos;s &lt;tt&gt;mcp.json&lt;/tt&gt;, with the token in the environment variable SIGNALHUB_MCP_TOKEN:</source>
        <translation>Für die &lt;tt&gt;.mcp.json&lt;/tt&gt; eines Projekts (Claude Code) oder die &lt;tt&gt;mcp.json&lt;/tt&gt; von Cursor, mit dem Token in der Umgebungsvariablen SIGNALHUB_MCP_TOKEN:</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Serving at %1.</source>
        <translation>Bedient unter %1.</translation>
    </message>
    <message>
        <source>Not serving: %1</source>
        <translation>Bedient nicht: %1</translation>
    </message>
    <message>
        <source>Not serving.</source>
        <translation>Bedient nicht.</translation>
    </message>
    <message>
        <source>&amp;Hide</source>
        <translation>&amp;Verbergen</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>Ad&amp;resse:</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::FailedModel</name>
    <message>
        <source>%1:%2-%3</source>
        <translation>%1:%2-%3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Chunk</source>
        <translation>Chunk</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP-Status</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::FailedPage</name>
    <message>
        <source>Text of the selected chunk</source>
        <translation>Text des ausgewählten Chunks</translation>
    </message>
    <message>
        <source>Re&amp;try failed</source>
        <translation>Fehlgeschlagene &amp;wiederholen</translation>
    </message>
    <message>
        <source>Retr&amp;y selected</source>
        <translation>&amp;Ausgewählte wiederholen</translation>
    </message>
    <message>
        <source>&amp;Open in editor</source>
        <translation>Im &amp;Editor öffnen</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>%1, lines %2–%3: %4</source>
        <translation>%1, Zeilen %2–%3: %4</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::FilesModel</name>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Chunks</source>
        <translation>Chunks</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::FolderRollupModel</name>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n file(s))</source>
        <translation>
            <numerusform>%1 (%n Datei)</numerusform>
            <numerusform>%1 (%n Dateien)</numerusform>
        </translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Chunks</source>
        <translation>Chunks</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::IndexPage</name>
    <message>
        <source>&lt;h2&gt;Drop a folder here&lt;/h2&gt;&lt;p&gt;Signal Hub splits its files into chunks, embeds them with the model chosen in Settings and keeps the vectors for search.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Ordner hierher ziehen&lt;/h2&gt;&lt;p&gt;Signal Hub teilt seine Dateien in Chunks, bettet sie mit dem in den Einstellungen gewählten Modell ein und bewahrt die Vektoren für die Suche auf.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>Ordner &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Recent folders</source>
        <translation>Zuletzt verwendete Ordner</translation>
    </message>
    <message>
        <source>Re&amp;cent folders (press Enter to index again):</source>
        <translation>&amp;Zuletzt verwendete Ordner (Eingabetaste indexiert erneut):</translation>
    </message>
    <message>
        <source>Filter files (path, language or status)…</source>
        <translation>Dateien filtern (Pfad, Sprache oder Status)…</translation>
    </message>
    <message>
        <source>Fi&amp;les</source>
        <translation>Da&amp;teien</translation>
    </message>
    <message>
        <source>F&amp;olders</source>
        <translation>&amp;Ordner</translation>
    </message>
    <message>
        <source>Double-click a folder to list its files</source>
        <translation>Doppelklick auf einen Ordner listet seine Dateien</translation>
    </message>
    <message>
        <source>Already indexed: %1 and %2 from %3. Search them on the Search tab, or drop a folder to index more.</source>
        <translation>Bereits indexiert: %1 und %2 aus %3. Durchsuchen Sie sie auf dem Reiter „Suche“, oder legen Sie einen Ordner hier ab, um mehr zu indexieren.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln Datei</numerusform>
            <numerusform>%Ln Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln chunk(s)</source>
        <translation>
            <numerusform>%Ln Chunk</numerusform>
            <numerusform>%Ln Chunks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln folder(s)</source>
        <translation>
            <numerusform>%Ln Ordner</numerusform>
            <numerusform>%Ln Ordnern</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::MainWindow</name>
    <message>
        <source>Signal Hub</source>
        <translation>Signal Hub</translation>
    </message>
    <message>
        <source>&amp;Index</source>
        <translation>&amp;Indexieren</translation>
    </message>
    <message>
        <source>&amp;Failed chunks</source>
        <translation>&amp;Fehlgeschlagene Chunks</translation>
    </message>
    <message>
        <source>&amp;Runs and costs</source>
        <translation>&amp;Läufe und Kosten</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suche</translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>Ordner &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Bericht nach %1 geschrieben</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Add folder</source>
        <translation>Ordner hinzufügen</translation>
    </message>
    <message>
        <source>A run is going on: wait for it to finish or cancel it first.</source>
        <translation>Ein Lauf ist im Gange: warten Sie, bis er fertig ist, oder brechen Sie ihn zuerst ab.</translation>
    </message>
    <message>
        <source>Settings need a change</source>
        <translation>Einstellungen müssen geändert werden</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Vorbereitung…</translation>
    </message>
    <message>
        <source>The keychain did not answer (%1); using no key.</source>
        <translation>Der Schlüsselbund hat nicht geantwortet (%1); es wird kein Schlüssel verwendet.</translation>
    </message>
    <message>
        <source>Estimating tokens and cost…</source>
        <translation>Tokens und Kosten werden geschätzt…</translation>
    </message>
    <message>
        <source>Cannot estimate the cost</source>
        <translation>Die Kosten können nicht geschätzt werden</translation>
    </message>
    <message>
        <source> (no price known for this model)</source>
        <translation> (für dieses Modell ist kein Preis bekannt)</translation>
    </message>
    <message>
        <source>Go on?</source>
        <translation>Fortfahren?</translation>
    </message>
    <message>
        <source>This is above your threshold of %1. Index anyway?</source>
        <translation>Das liegt über Ihrer Schwelle von %1. Trotzdem indexieren?</translation>
    </message>
    <message>
        <source>&amp;Failed chunks (%1)</source>
        <translation>&amp;Fehlgeschlagene Chunks (%1)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Kann %1 nicht schreiben: %2</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>No application opens %1.</source>
        <translation>Keine Anwendung öffnet %1.</translation>
    </message>
    <message>
        <source>Stop indexing?</source>
        <translation>Indexieren beenden?</translation>
    </message>
    <message>
        <source>A run is going on. Stop it and close? What was answered is kept, and the next run picks up the rest.</source>
        <translation>Ein Lauf ist im Gange. Beenden und schließen? Was beantwortet wurde, bleibt erhalten, und der nächste Lauf übernimmt den Rest.</translation>
    </message>
    <message>
        <source>This is above your threshold of %1. Retry anyway?</source>
        <translation>Das liegt über Ihrer Schwelle von %1. Trotzdem wiederholen?</translation>
    </message>
    <message>
        <source>Opened %1 at line %2: %3</source>
        <translation>%1 in Zeile %2 geöffnet: %3</translation>
    </message>
    <message>
        <source>Cannot start the editor (%1): check the editor command in Settings.</source>
        <translation>Der Editor kann nicht gestartet werden (%1): Prüfen Sie den Editor-Befehl in den Einstellungen.</translation>
    </message>
    <message>
        <source>Opened %1 with the default application: go to line %2 (set an editor command in Settings to open at the line).</source>
        <translation>%1 mit der Standardanwendung geöffnet: Gehen Sie zu Zeile %2 (mit einem Editor-Befehl in den Einstellungen öffnet sich die Datei an der Zeile).</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Signal Hub</source>
        <translation>Ü&amp;ber Signal Hub</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>About Signal Hub</source>
        <translation>Über Signal Hub</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Signal Hub %1&lt;/h3&gt;&lt;p&gt;Indexes codebases for semantic search.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Signal Hub %1&lt;/h3&gt;&lt;p&gt;Indexiert Codebasen für die semantische Suche.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Database: %1&lt;br&gt;Settings: %2&lt;/p&gt;&lt;p&gt;Signal Hub is MIT-licensed. The built-in model is all-MiniLM-L6-v2 (Apache-2.0); exact token counts use tiktoken&apos;s rank files (MIT).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Datenbank: %1&lt;br&gt;Einstellungen: %2&lt;/p&gt;&lt;p&gt;Signal Hub steht unter der MIT-Lizenz. Das eingebaute Modell ist all-MiniLM-L6-v2 (Apache-2.0); die exakten Token-Zählungen verwenden die Rang-Dateien von tiktoken (MIT).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>&amp;Erste Schritte</translation>
    </message>
    <message>
        <source>%1 (%2) to send to %3: about %4%5.</source>
        <translation>%1 (%2) an %3 zu senden: etwa %4%5.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln chunk(s)</source>
        <translation>
            <numerusform>%Ln Chunk</numerusform>
            <numerusform>%Ln Chunks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln Token</numerusform>
            <numerusform>%Ln Tokens</numerusform>
        </translation>
    </message>
    <message>
        <source>The run stopped</source>
        <translation>Der Lauf wurde angehalten</translation>
    </message>
    <message>
        <source>Open &amp;Settings…</source>
        <translation>&amp;Einstellungen öffnen…</translation>
    </message>
    <message numerus="yes">
        <source>not searched: %n folder(s) indexed with another model (%1)</source>
        <translation>
            <numerusform>nicht durchsucht: %n mit einem anderen Modell indizierter Ordner (%1)</numerusform>
            <numerusform>nicht durchsucht: %n mit einem anderen Modell indizierte Ordner (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>The editor did not open</source>
        <translation>Der Editor hat sich nicht geöffnet</translation>
    </message>
    <message>
        <source>%1 ended at once and said:

%2

Check the editor command in Settings.</source>
        <translation>%1 endete sofort und meldete:

%2

Prüfen Sie den Editor-Befehl in den Einstellungen.</translation>
    </message>
    <message>
        <source>&amp;Watched folders</source>
        <translation>Ü&amp;berwachte Ordner</translation>
    </message>
    <message>
        <source>the Signal Hub window</source>
        <translation>das Signal-Hub-Fenster</translation>
    </message>
    <message>
        <source>&amp;Agents</source>
        <translation>A&amp;genten</translation>
    </message>
    <message>
        <source>Cut files again?</source>
        <translation>Dateien neu schneiden?</translation>
    </message>
    <message>
        <source>Files cut by older chunking rules are cut again with the current rules, and their new chunks are embedded: %1</source>
        <translation>Dateien, die nach älteren Regeln in Abschnitte geschnitten wurden, werden nach den aktuellen Regeln neu geschnitten, und ihre neuen Abschnitte werden eingebettet: %1</translation>
    </message>
    <message>
        <source>Remove %1 once the current run has finished.</source>
        <translation>Entfernen Sie %1, wenn der laufende Lauf fertig ist.</translation>
    </message>
    <message>
        <source>Remove from Index</source>
        <translation>Aus dem Index entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from the index? Its files, chunks and failures are dropped, with the vectors no other folder uses; indexing it again embeds it again. The folder itself is not touched.</source>
        <translation>%1 aus dem Index entfernen? Seine Dateien, Chunks und Fehlschläge werden verworfen, mit den Vektoren, die kein anderer Ordner verwendet; erneutes Indizieren bettet ihn erneut ein. Der Ordner selbst bleibt unverändert.</translation>
    </message>
    <message>
        <source>Removing %1 from the index…</source>
        <translation>%1 wird aus dem Index entfernt …</translation>
    </message>
    <message numerus="yes">
        <source>Removed %1: %n vector(s) no other folder used were deleted.</source>
        <translation>
            <numerusform>%1 entfernt: %n Vektor, den kein anderer Ordner verwendete, wurde gelöscht.</numerusform>
            <numerusform>%1 entfernt: %n Vektoren, die kein anderer Ordner verwendete, wurden gelöscht.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::ReportModel</name>
    <message>
        <source>searches</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>%1 (price unknown)</source>
        <translation>%1 (Preis unbekannt)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::RunsModel</name>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::RunsPage</name>
    <message>
        <source>Report &amp;by:</source>
        <translation>Bericht &amp;nach:</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>Als &amp;JSON exportieren…</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export cost report</source>
        <translation>Kostenbericht exportieren</translation>
    </message>
    <message>
        <source>run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>day</source>
        <translation>Tag</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::SearchModel</name>
    <message>
        <source>%1:%2-%3</source>
        <translation>%1:%2-%3</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Ähnlichkeit</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Snippet</source>
        <translation>Ausschnitt</translation>
    </message>
    <message>
        <source>Nothing is indexed yet: drop a folder first.</source>
        <translation>Noch ist nichts indexiert: ziehen Sie zuerst einen Ordner hierher.</translation>
    </message>
    <message>
        <source>The same text is also at:</source>
        <translation>Derselbe Text steht auch hier:</translation>
    </message>
    <message numerus="yes">
        <source>(+%n identical)</source>
        <translation>
            <numerusform>(+%n identische)</numerusform>
            <numerusform>(+%n identische)</numerusform>
        </translation>
    </message>
    <message>
        <source>(changed since indexed)</source>
        <translation>(seit der Indexierung geändert)</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::SearchPage</name>
    <message>
        <source>Describe what you are looking for…</source>
        <translation>Beschreiben Sie, wonach Sie suchen…</translation>
    </message>
    <message>
        <source>Sea&amp;rch</source>
        <translation>Su&amp;chen</translation>
    </message>
    <message>
        <source>&amp;Open in editor</source>
        <translation>Im &amp;Editor öffnen</translation>
    </message>
    <message>
        <source>&amp;Query:</source>
        <translation>&amp;Anfrage:</translation>
    </message>
    <message>
        <source>Words and meaning</source>
        <translation>Wörter und Bedeutung</translation>
    </message>
    <message>
        <source>Meaning only</source>
        <translation>Nur Bedeutung</translation>
    </message>
    <message>
        <source>Words only</source>
        <translation>Nur Wörter</translation>
    </message>
    <message>
        <source>Words finds the identifiers and words of the query (parseJsonString also finds parse_json_string); meaning finds code that does what the query describes; both together rank best.</source>
        <translation>Wörter findet die Bezeichner und Wörter der Anfrage (parseJsonString findet auch parse_json_string); Bedeutung findet Code, der tut, was die Anfrage beschreibt; beide zusammen ordnen am besten.</translation>
    </message>
    <message>
        <source>all files</source>
        <translation>alle Dateien</translation>
    </message>
    <message>
        <source>Only files matching this pattern, e.g. *.cpp or src/*/test_*.py: with a / it matches the path within the indexed folder, else the file name.</source>
        <translation>Nur Dateien, die zu diesem Muster passen, z. B. *.cpp oder src/*/test_*.py: mit einem / gilt es für den Pfad im indexierten Ordner, sonst für den Dateinamen.</translation>
    </message>
    <message>
        <source>&amp;Find by:</source>
        <translation>&amp;Suchen nach:</translation>
    </message>
    <message>
        <source>&amp;Files:</source>
        <translation>&amp;Dateien:</translation>
    </message>
    <message>
        <source>All languages</source>
        <translation>Alle Sprachen</translation>
    </message>
    <message>
        <source>Only files of this language, as the index detected it.</source>
        <translation>Nur Dateien dieser Sprache, wie der Index sie erkannt hat.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>S&amp;prache:</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Provider</source>
        <translation>&amp;Anbieter</translation>
    </message>
    <message>
        <source>&amp;Batching and limits</source>
        <translation>Stapel und &amp;Limits</translation>
    </message>
    <message>
        <source>&amp;Files and costs</source>
        <translation>Dateien und &amp;Kosten</translation>
    </message>
    <message>
        <source>Built-in model (MiniLM, on this computer, free)</source>
        <translation>Eingebautes Modell (MiniLM, auf diesem Computer, kostenlos)</translation>
    </message>
    <message>
        <source>OpenAI-compatible API</source>
        <translation>OpenAI-kompatible API</translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <source>P&amp;rovider:</source>
        <translation>An&amp;bieter:</translation>
    </message>
    <message>
        <source>Base &amp;URL:</source>
        <translation>Basis-&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>the model&apos;s own</source>
        <translation>wie vom Modell</translation>
    </message>
    <message>
        <source>&amp;Dimensions:</source>
        <translation>D&amp;imensionen:</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>Checking for a keychain…</source>
        <translation>Suche nach einem Schlüsselbund…</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>the provider&apos;s limit</source>
        <translation>Limit des Anbieters</translation>
    </message>
    <message>
        <source>Tokens per &amp;input at most:</source>
        <translation>Tokens pro &amp;Eingabe höchstens:</translation>
    </message>
    <message>
        <source>Inputs per &amp;request:</source>
        <translation>Eingaben pro A&amp;nfrage:</translation>
    </message>
    <message>
        <source>&amp;Tokens per request at most:</source>
        <translation>&amp;Tokens pro Anfrage höchstens:</translation>
    </message>
    <message>
        <source>Requests in &amp;flight:</source>
        <translation>&amp;Gleichzeitige Anfragen:</translation>
    </message>
    <message>
        <source>&amp;Adapt concurrency to the server</source>
        <translation>Parallelität an den Server an&amp;passen</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <source>Requests per &amp;minute:</source>
        <translation>Anfragen pro &amp;Minute:</translation>
    </message>
    <message>
        <source>Tokens per mi&amp;nute:</source>
        <translation>Tokens pro Min&amp;ute:</translation>
    </message>
    <message>
        <source>R&amp;etries after the first attempt:</source>
        <translation>&amp;Wiederholungen nach dem ersten Versuch:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Time&amp;out per request:</source>
        <translation>&amp;Zeitlimit pro Anfrage:</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>&amp;Chunk size (tokens):</source>
        <translation>&amp;Chunk-Größe (Tokens):</translation>
    </message>
    <message>
        <source>One glob a line, e.g. *.min.js</source>
        <translation>Ein Glob pro Zeile, z. B. *.min.js</translation>
    </message>
    <message>
        <source>E&amp;xclude:</source>
        <translation>Aus&amp;schließen:</translation>
    </message>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source>&amp;Largest file:</source>
        <translation>&amp;Größte Datei:</translation>
    </message>
    <message>
        <source>&amp;Own price (else from the price table)</source>
        <translation>&amp;Eigener Preis (sonst aus der Preistabelle)</translation>
    </message>
    <message>
        <source>&amp;Price per 1M tokens:</source>
        <translation>&amp;Preis pro 1 Mio. Tokens:</translation>
    </message>
    <message>
        <source>Ask before spending &amp;over:</source>
        <translation>&amp;Nachfragen bei Ausgaben über:</translation>
    </message>
    <message>
        <source>The key is saved in the system keychain, never in a settings file. OPENAI_API_KEY, when set, takes precedence.</source>
        <translation>Der Schlüssel wird im Schlüsselbund des Systems gespeichert, nie in einer Einstellungsdatei. Ist OPENAI_API_KEY gesetzt, hat diese Variable Vorrang.</translation>
    </message>
    <message>
        <source>No keychain (Secret Service) is available, so no key can be saved. Set the environment variable OPENAI_API_KEY before starting Signal Hub.</source>
        <translation>Es ist kein Schlüsselbund (Secret Service) verfügbar, daher kann kein Schlüssel gespeichert werden. Setzen Sie die Umgebungsvariable OPENAI_API_KEY, bevor Sie Signal Hub starten.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>Connected: the model answered with %1 dimensions.</source>
        <translation>Verbunden: das Modell hat mit %1 Dimensionen geantwortet.</translation>
    </message>
    <message>
        <source>&amp;Editor</source>
        <translation>&amp;Editor</translation>
    </message>
    <message>
        <source>automatic: a known editor found in PATH</source>
        <translation>automatisch: ein bekannter Editor aus PATH</translation>
    </message>
    <message>
        <source>Open files &amp;with:</source>
        <translation>Dateien öffnen &amp;mit:</translation>
    </message>
    <message>
        <source>{file} is replaced by the file&apos;s path and {line} by the line, each inside its own argument, so paths with spaces work. Examples: &lt;tt&gt;kate --line {line} {file}&lt;/tt&gt;, &lt;tt&gt;code --goto {file}:{line}&lt;/tt&gt;, &lt;tt&gt;gvim +{line} {file}&lt;/tt&gt;. Left empty, Signal Hub looks for Kate, KWrite, VS Code, VSCodium, Zed, Sublime Text, GNOME Text Editor, gedit, Pluma, Xed, Mousepad, Geany, gVim or Emacs, and else opens the file with the default application, without the line.</source>
        <translation>{file} wird durch den Pfad der Datei ersetzt und {line} durch die Zeile, jeweils innerhalb ihres eigenen Arguments, sodass Pfade mit Leerzeichen funktionieren. Beispiele: &lt;tt&gt;kate --line {line} {file}&lt;/tt&gt;, &lt;tt&gt;code --goto {file}:{line}&lt;/tt&gt;, &lt;tt&gt;gvim +{line} {file}&lt;/tt&gt;. Bleibt das Feld leer, sucht Signal Hub nach Kate, KWrite, VS Code, VSCodium, Zed, Sublime Text, GNOME Text Editor, gedit, Pluma, Xed, Mousepad, Geany, gVim oder Emacs und öffnet die Datei sonst mit der Standardanwendung, ohne die Zeile.</translation>
    </message>
    <message>
        <source>The API key was not saved in the keychain: %1</source>
        <translation>Der API-Schlüssel wurde nicht im Schlüsselbund gespeichert: %1</translation>
    </message>
    <message>
        <source>Index &amp;secret files too (.env, private keys, credentials)</source>
        <translation>Auch geheime Dateien &amp;indexieren (.env, private Schlüssel, Zugangsdaten)</translation>
    </message>
    <message>
        <source>Files whose names mark them as holding keys or credentials are skipped unless this is on: %1</source>
        <translation>Dateien, deren Namen sie als Träger von Schlüsseln oder Zugangsdaten ausweisen, werden übersprungen, solange dies aus ist: %1</translation>
    </message>
    <message>
        <source>What keeping watched folders current may spend per day with a paid provider; beyond it, changes wait until the next day or until you index them.</source>
        <translation>Was das Aktuellhalten überwachter Ordner mit einem bezahlten Anbieter pro Tag kosten darf; darüber hinaus warten Änderungen bis zum nächsten Tag oder bis Sie sie indexieren.</translation>
    </message>
    <message>
        <source>&amp;Watching may spend per day:</source>
        <translation>Überwachung &amp;darf pro Tag ausgeben:</translation>
    </message>
    <message>
        <source>Exact (MiniLM as trained)</source>
        <translation>Genau (MiniLM wie trainiert)</translation>
    </message>
    <message>
        <source>Each variant is an embedding space of its own: folders indexed with one are searched with it until indexed with the other.</source>
        <translation>Jede Variante ist ein eigener Embedding-Raum: Ordner, die mit einer indiziert wurden, werden mit ihr durchsucht, bis sie mit der anderen indiziert werden.</translation>
    </message>
    <message>
        <source>Built-in &amp;variant:</source>
        <translation>Eingebaute &amp;Variante:</translation>
    </message>
    <message>
        <source>Fast (int8 weights, nearly twice as fast)</source>
        <translation>Schnell (int8-Gewichte, fast doppelt so schnell)</translation>
    </message>
    <message>
        <source>&amp;Index</source>
        <translation>&amp;Index</translation>
    </message>
    <message>
        <source>&amp;Index kept in:</source>
        <translation>&amp;Index liegt in:</translation>
    </message>
    <message>
        <source>Team store pass&amp;word:</source>
        <translation>Pass&amp;wort des Team-Speichers:</translation>
    </message>
    <message>
        <source>A database file on this computer (left empty, the one shown), or a team store on PostgreSQL that the whole team shares, so that each text is paid for once: &lt;tt&gt;postgresql://user@host/database&lt;/tt&gt;. Parameters such as &lt;tt&gt;?sslmode=verify-full&lt;/tt&gt; go to the server as they are. Its password is saved in the system keychain (PGPASSWORD or &lt;tt&gt;~/.pgpass&lt;/tt&gt; do as well), never in the URL or a settings file. Folders are not watched into a team store yet: index them again after changes.</source>
        <translation>Eine Datenbankdatei auf diesem Rechner (leer gelassen: die angezeigte) oder ein Team-Speicher auf PostgreSQL, den das ganze Team teilt, sodass jeder Text einmal bezahlt wird: &lt;tt&gt;postgresql://benutzer@host/datenbank&lt;/tt&gt;. Parameter wie &lt;tt&gt;?sslmode=verify-full&lt;/tt&gt; gehen unverändert an den Server. Sein Passwort wird im Schlüsselbund des Systems gespeichert (PGPASSWORD oder &lt;tt&gt;~/.pgpass&lt;/tt&gt; gehen ebenso), nie in der URL oder einer Einstellungsdatei. Ordner werden noch nicht in einen Team-Speicher beobachtet: Indizieren Sie sie nach Änderungen erneut.</translation>
    </message>
    <message>
        <source>The team store&apos;s password was not saved in the keychain: %1</source>
        <translation>Das Passwort des Team-Speichers wurde nicht im Schlüsselbund gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::SnippetView</name>
    <message>
        <source>(%1 is gone or unreadable)</source>
        <translation>(%1 ist verschwunden oder nicht lesbar)</translation>
    </message>
    <message>
        <source>%1 from line %2</source>
        <translation>%1 ab Zeile %2</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::StatusPanel</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>This run</source>
        <translation>Dieser Lauf</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>Fortsetze&amp;n</translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation>Lauf a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Chunks done:</source>
        <translation>Chunks fertig:</translation>
    </message>
    <message>
        <source>Failed:</source>
        <translation>Fehlgeschlagen:</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Gesamt:</translation>
    </message>
    <message>
        <source>Tokens:</source>
        <translation>Tokens:</translation>
    </message>
    <message>
        <source>Spent:</source>
        <translation>Ausgegeben:</translation>
    </message>
    <message>
        <source>Projected:</source>
        <translation>Hochgerechnet:</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>Verbleibende Zeit:</translation>
    </message>
    <message>
        <source>Requests in flight:</source>
        <translation>Laufende Anfragen:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>cancelling: finishing the current commit</source>
        <translation>wird abgebrochen: der laufende Commit wird abgeschlossen</translation>
    </message>
    <message>
        <source>%1 (%2/s)</source>
        <translation>%1 (%2/s)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>running, %1 chunks/s</source>
        <translation>läuft, %1 Chunks/s</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>price unknown</source>
        <translation>Preis unbekannt</translation>
    </message>
    <message>
        <source>none: cancelled</source>
        <translation>keine: abgebrochen</translation>
    </message>
    <message>
        <source>none: stopped</source>
        <translation>keine: angehalten</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln Datei</numerusform>
            <numerusform>%Ln Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln chunk(s)</source>
        <translation>
            <numerusform>%Ln Chunk</numerusform>
            <numerusform>%Ln Chunks</numerusform>
        </translation>
    </message>
    <message>
        <source>Retries:</source>
        <translation>Wiederholungen:</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln answer(s) 429)</source>
        <translation>
            <numerusform>%1 (%Ln Antwort mit 429)</numerusform>
            <numerusform>%1 (%Ln Antworten mit 429)</numerusform>
        </translation>
    </message>
    <message>
        <source>cooling down after a 429 until %1</source>
        <translation>Abkühlphase nach einer 429-Antwort bis %1</translation>
    </message>
    <message numerus="yes">
        <source>waiting on %n request(s) for %1 s</source>
        <translation>
            <numerusform>wartet seit %1 s auf %n Anfrage</numerusform>
            <numerusform>wartet seit %1 s auf %n Anfragen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n batch(es) to retry in %1 s</source>
        <translation>
            <numerusform>%n Stapel wird in %1 s wiederholt</numerusform>
            <numerusform>%n Stapel werden in %1 s wiederholt</numerusform>
        </translation>
    </message>
    <message>
        <source>Finished: %1 stored, %2 already stored, %3 failed, %4 skipped; %5 tokens, %6 in %7.</source>
        <translation>Fertig: %1 gespeichert, %2 bereits gespeichert, %3 fehlgeschlagen, %4 übersprungen; %5 Tokens, %6 in %7.</translation>
    </message>
    <message>
        <source>Cancelled: %1 stored, %2 left pending for the next run.</source>
        <translation>Abgebrochen: %1 gespeichert, %2 bleiben für den nächsten Lauf ausstehend.</translation>
    </message>
    <message>
        <source>Stopped: %1 (%2 left pending).</source>
        <translation>Angehalten: %1 (%2 bleiben ausstehend).</translation>
    </message>
    <message>
        <source>In the database: %1, %2 (%3 stored, %4 failed, %5 pending); %6 tokens paid, %7 in %8.</source>
        <translation>In der Datenbank: %1, %2 (%3 gespeichert, %4 fehlgeschlagen, %5 ausstehend); %6 Tokens bezahlt, %7 in %8.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln run(s)</source>
        <translation>
            <numerusform>%Ln Lauf</numerusform>
            <numerusform>%Ln Läufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unchanged file(s) kept chunks cut by older chunking rules. &lt;a href=&quot;#rechunk&quot;&gt;Cut them again…&lt;/a&gt;</source>
        <translation>
            <numerusform>%Ln unveränderte Datei behielt Abschnitte, die nach älteren Regeln geschnitten wurden. &lt;a href=&quot;#rechunk&quot;&gt;Neu schneiden…&lt;/a&gt;</numerusform>
            <numerusform>%Ln unveränderte Dateien behielten Abschnitte, die nach älteren Regeln geschnitten wurden. &lt;a href=&quot;#rechunk&quot;&gt;Neu schneiden…&lt;/a&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::ThroughputChart</name>
    <message>
        <source>chunks/s</source>
        <translation>Chunks/s</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>Tokens/s</translation>
    </message>
    <message>
        <source>429 answers</source>
        <translation>429-Antworten</translation>
    </message>
    <message>
        <source>retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>Throughput chart</source>
        <translation>Durchsatzdiagramm</translation>
    </message>
    <message>
        <source>team&apos;s chunks/s</source>
        <translation>Chunks/s des Teams</translation>
    </message>
    <message>
        <source>#%1 on %2</source>
        <translation>#%1 auf %2</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::WatchPage</name>
    <message>
        <source>Indexed folders are kept current while Signal Hub runs: a saved, renamed or deleted file is indexed again within seconds. Clear a folder&apos;s box to stop watching it.</source>
        <translation>Indexierte Ordner werden aktuell gehalten, solange Signal Hub läuft: eine gespeicherte, umbenannte oder gelöschte Datei wird binnen Sekunden neu indexiert. Entfernen Sie das Häkchen eines Ordners, um ihn nicht mehr zu überwachen.</translation>
    </message>
    <message>
        <source>&amp;Remove from Index…</source>
        <translation>Aus dem Index &amp;entfernen …</translation>
    </message>
    <message>
        <source>Drop the selected folder&apos;s files, chunks and the vectors no other folder uses from the index. The folder itself is not touched.</source>
        <translation>Die Dateien und Chunks des gewählten Ordners und die Vektoren, die kein anderer Ordner verwendet, aus dem Index entfernen. Der Ordner selbst bleibt unverändert.</translation>
    </message>
</context>
<context>
    <name>SignalHub::Ui::WatchedFoldersModel</name>
    <message>
        <source>Not watched</source>
        <translation>Nicht überwacht</translation>
    </message>
    <message>
        <source>Kept current by %1</source>
        <translation>Aktuell gehalten von %1</translation>
    </message>
    <message>
        <source>Changes wait: %1</source>
        <translation>Änderungen warten: %1</translation>
    </message>
    <message>
        <source>Waiting for git to finish</source>
        <translation>Wartet, bis git fertig ist</translation>
    </message>
    <message>
        <source>Indexing changes</source>
        <translation>Indexiert Änderungen</translation>
    </message>
    <message numerus="yes">
        <source>Watched (%n folder(s) checked every few seconds)</source>
        <translation>
            <numerusform>Überwacht (%n Ordner wird alle paar Sekunden geprüft)</numerusform>
            <numerusform>Überwacht (%n Ordner werden alle paar Sekunden geprüft)</numerusform>
        </translation>
    </message>
    <message>
        <source>Watched</source>
        <translation>Überwacht</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
    <message>
        <source>Starting to watch…</source>
        <translation>Überwachung beginnt…</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Kept current</source>
        <translation>Aktuell gehalten</translation>
    </message>
    <message>
        <source>Up to date at</source>
        <translation>Aktuell seit</translation>
    </message>
    <message>
        <source>Not found: moved or deleted (Remove from Index drops it)</source>
        <translation>Nicht gefunden: verschoben oder gelöscht (Aus dem Index entfernen verwirft ihn)</translation>
    </message>
    <message>
        <source>%1
Known as %2</source>
        <translation>%1
Bekannt als %2</translation>
    </message>
</context>
<context>
    <name>SnippetReader</name>
    <message>
        <source>(the file is gone or unreadable)</source>
        <translation>(die Datei ist verschwunden oder nicht lesbar)</translation>
    </message>
</context>
<context>
    <name>VectorExporter</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>kann %1 nicht schreiben: %2</translation>
    </message>
    <message>
        <source>the store changed during the export (%1 of %2 rows); export again</source>
        <translation>der Datenbestand hat sich während des Exports geändert (%1 von %2 Zeilen); exportieren Sie erneut</translation>
    </message>
    <message>
        <source>cannot write: %1</source>
        <translation>kann nicht schreiben: %1</translation>
    </message>
</context>
<context>
    <name>WordPieceTokenizer</name>
    <message>
        <source>The tokenizer file %1 is not a BERT WordPiece tokenizer that Signal Hub can use (%2).</source>
        <translation>Die Tokenizer-Datei %1 ist kein BERT-WordPiece-Tokenizer, den Signal Hub verwenden kann (%2).</translation>
    </message>
    <message>
        <source>the model is not WordPiece</source>
        <translation>das Modell ist nicht WordPiece</translation>
    </message>
    <message>
        <source>the continuing subword prefix is not ##</source>
        <translation>das Präfix für fortgesetzte Teilwörter ist nicht ##</translation>
    </message>
    <message>
        <source>the unknown token is not [UNK]</source>
        <translation>das unbekannte Token ist nicht [UNK]</translation>
    </message>
    <message>
        <source>the normalizer is not an uncased BertNormalizer</source>
        <translation>der Normalisierer ist kein BertNormalizer ohne Groß-/Kleinschreibung</translation>
    </message>
    <message>
        <source>the pre-tokenizer is not BertPreTokenizer</source>
        <translation>der Prä-Tokenizer ist nicht BertPreTokenizer</translation>
    </message>
    <message>
        <source>added token %1 needs options this tokenizer lacks</source>
        <translation>das hinzugefügte Token %1 braucht Optionen, die diesem Tokenizer fehlen</translation>
    </message>
    <message>
        <source>%1 does not have id %2</source>
        <translation>%1 hat nicht die ID %2</translation>
    </message>
    <message>
        <source>Could not read the tokenizer file %1: %2</source>
        <translation>Die Tokenizer-Datei %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The tokenizer file %1 is not valid JSON: %2</source>
        <translation>Die Tokenizer-Datei %1 ist kein gültiges JSON: %2</translation>
    </message>
    <message>
        <source>max_input_chars_per_word is out of range</source>
        <translation>max_input_chars_per_word liegt außerhalb des Bereichs</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Failed chunks are listed by &apos;signalhub-cli failed&apos; and sent again by &apos;signalhub-cli retry-failed&apos;.
</source>
        <translation>Fehlgeschlagene Chunks listet &apos;signalhub-cli failed&apos; auf, &apos;signalhub-cli retry-failed&apos; sendet sie erneut.
</translation>
    </message>
    <message>
        <source>cannot read the API key file %1: %2</source>
        <translation>die API-Schlüsseldatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the environment variable %1 is not set</source>
        <translation>die Umgebungsvariable %1 ist nicht gesetzt</translation>
    </message>
    <message>
        <source>OpenAI needs an API key: set OPENAI_API_KEY, use --api-key-env VAR or --api-key-file FILE, or save one in the window&apos;s settings</source>
        <translation>OpenAI braucht einen API-Schlüssel: setzen Sie OPENAI_API_KEY, verwenden Sie --api-key-env VAR oder --api-key-file DATEI, oder speichern Sie einen in den Einstellungen des Fensters</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 existiert nicht</translation>
    </message>
    <message>
        <source>interrupted: finishing the current commit (Ctrl-C again to quit at once)</source>
        <translation>unterbrochen: der laufende Commit wird abgeschlossen (nochmals Strg+C beendet sofort)</translation>
    </message>
    <message>
        <source>terminated: finishing the current commit</source>
        <translation>beendet: der laufende Commit wird abgeschlossen</translation>
    </message>
    <message>
        <source>Last run: #%1 %2 %3, %4, started %5
</source>
        <translation>Letzter Lauf: #%1 %2 %3, %4, gestartet %5
</translation>
    </message>
    <message>
        <source>No failed chunks.
</source>
        <translation>Keine fehlgeschlagenen Chunks.
</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>kann %1 nicht schreiben: %2</translation>
    </message>
    <message>
        <source>the database holds no vectors of %1</source>
        <translation>die Datenbank enthält keine Vektoren von %1</translation>
    </message>
    <message>
        <source>the database holds no runs yet: index a folder first</source>
        <translation>die Datenbank enthält noch keine Läufe: indexieren Sie zuerst einen Ordner</translation>
    </message>
    <message>
        <source>skip   %1  (%2)
</source>
        <translation>skip   %1  (%2)
</translation>
    </message>
    <message>
        <source> (no price known for this model: set one with --price)</source>
        <translation> (für dieses Modell ist kein Preis bekannt: legen Sie einen mit --price fest)</translation>
    </message>
    <message>
        <source>Try &apos;signalhub-cli --help&apos;.</source>
        <translation>Versuchen Sie &apos;signalhub-cli --help&apos;.</translation>
    </message>
    <message>
        <source>--%1 needs a whole number ≥ %2, not &apos;%3&apos;</source>
        <translation>--%1 braucht eine ganze Zahl ≥ %2, nicht &apos;%3&apos;</translation>
    </message>
    <message>
        <source>--%1 needs a whole number ≥ 0, not &apos;%2&apos;</source>
        <translation>--%1 braucht eine ganze Zahl ≥ 0, nicht &apos;%2&apos;</translation>
    </message>
    <message>
        <source>What to do (see above).</source>
        <translation>Was zu tun ist (siehe oben).</translation>
    </message>
    <message>
        <source>Paths, the query or texts.</source>
        <translation>Pfade, die Anfrage oder Texte.</translation>
    </message>
    <message>
        <source>The database file (default: in the application data folder).</source>
        <translation>Die Datenbankdatei (Standard: im Datenordner der Anwendung).</translation>
    </message>
    <message>
        <source>local (built-in MiniLM, default), openai or ollama.</source>
        <translation>local (eingebautes MiniLM, Standard), openai oder ollama.</translation>
    </message>
    <message>
        <source>The provider&apos;s base URL.</source>
        <translation>Die Basis-URL des Anbieters.</translation>
    </message>
    <message>
        <source>Vector dimensions to ask for.</source>
        <translation>Anzufordernde Vektordimensionen.</translation>
    </message>
    <message>
        <source>Per-input token limit for a model Signal Hub does not know.</source>
        <translation>Token-Limit pro Eingabe für ein Modell, das Signal Hub nicht kennt.</translation>
    </message>
    <message>
        <source>Environment variable holding the API key.</source>
        <translation>Umgebungsvariable mit dem API-Schlüssel.</translation>
    </message>
    <message>
        <source>File holding the API key.</source>
        <translation>Datei mit dem API-Schlüssel.</translation>
    </message>
    <message>
        <source>Inputs per request (default 100).</source>
        <translation>Eingaben pro Anfrage (Standard 100).</translation>
    </message>
    <message>
        <source>Tokens per request (default 100000).</source>
        <translation>Tokens pro Anfrage (Standard 100000).</translation>
    </message>
    <message>
        <source>Requests in flight (default 4).</source>
        <translation>Gleichzeitige Anfragen (Standard 4).</translation>
    </message>
    <message>
        <source>Adapt the concurrency to the server (AIMD).</source>
        <translation>Die Parallelität an den Server anpassen (AIMD).</translation>
    </message>
    <message>
        <source>Requests per minute limit.</source>
        <translation>Limit der Anfragen pro Minute.</translation>
    </message>
    <message>
        <source>Tokens per minute limit.</source>
        <translation>Limit der Tokens pro Minute.</translation>
    </message>
    <message>
        <source>Retries after the first attempt (default 5).</source>
        <translation>Wiederholungen nach dem ersten Versuch (Standard 5).</translation>
    </message>
    <message>
        <source>Seconds per request (default 60).</source>
        <translation>Sekunden pro Anfrage (Standard 60).</translation>
    </message>
    <message>
        <source>First backoff step in milliseconds (default 500).</source>
        <translation>Erste Wartestufe in Millisekunden (Standard 500).</translation>
    </message>
    <message>
        <source>Longest backoff in milliseconds (default 60000).</source>
        <translation>Längste Wartezeit in Millisekunden (Standard 60000).</translation>
    </message>
    <message>
        <source>Target chunk size in tokens.</source>
        <translation>Angestrebte Chunk-Größe in Tokens.</translation>
    </message>
    <message>
        <source>Skip paths matching a gitignore-style glob (repeatable).</source>
        <translation>Pfade überspringen, die auf ein Glob im gitignore-Stil passen (wiederholbar).</translation>
    </message>
    <message>
        <source>Skip files larger than this (default 1048576).</source>
        <translation>Dateien überspringen, die größer sind (Standard 1048576).</translation>
    </message>
    <message>
        <source>Dollars per 1M tokens (default: the price table).</source>
        <translation>Dollar pro 1 Mio. Tokens (Standard: die Preistabelle).</translation>
    </message>
    <message>
        <source>Inference threads for the built-in model (default: all cores).</source>
        <translation>Inferenz-Threads für das eingebaute Modell (Standard: alle Kerne).</translation>
    </message>
    <message>
        <source>estimate: list what would be indexed, and why each skipped file is skipped.</source>
        <translation>estimate: auflisten, was indexiert würde und warum jede übersprungene Datei übersprungen wird.</translation>
    </message>
    <message>
        <source>report: run, model, folder, file or day.</source>
        <translation>report: run, model, folder, file oder day.</translation>
    </message>
    <message>
        <source>Write to this file.</source>
        <translation>In diese Datei schreiben.</translation>
    </message>
    <message>
        <source>search: number of hits (default 10).</source>
        <translation>search: Anzahl der Treffer (Standard 10).</translation>
    </message>
    <message>
        <source>No progress on stderr.</source>
        <translation>Kein Fortschritt auf stderr.</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>unbekannter Befehl &apos;%1&apos;</translation>
    </message>
    <message>
        <source>search needs a QUERY</source>
        <translation>search braucht eine ANFRAGE</translation>
    </message>
    <message>
        <source>embed needs TEXT</source>
        <translation>embed braucht TEXT</translation>
    </message>
    <message>
        <source>%1 needs at least one PATH</source>
        <translation>%1 braucht mindestens einen PFAD</translation>
    </message>
    <message>
        <source>%1 takes no arguments (got &apos;%2&apos;)</source>
        <translation>%1 nimmt keine Argumente (erhalten: &apos;%2&apos;)</translation>
    </message>
    <message>
        <source>give either --api-key-env or --api-key-file, not both</source>
        <translation>geben Sie entweder --api-key-env oder --api-key-file an, nicht beides</translation>
    </message>
    <message>
        <source>--price needs dollars per 1M tokens, e.g. 0.02</source>
        <translation>--price braucht Dollar pro 1 Mio. Tokens, z. B. 0.02</translation>
    </message>
    <message>
        <source>--by takes run, model, folder, file or day</source>
        <translation>--by nimmt run, model, folder, file oder day</translation>
    </message>
    <message>
        <source>report --format takes csv or json</source>
        <translation>report --format nimmt csv oder json</translation>
    </message>
    <message>
        <source>export --format npy needs -o PATH (writes PATH.npy and PATH.jsonl)</source>
        <translation>export --format npy braucht -o PFAD (schreibt PFAD.npy und PFAD.jsonl)</translation>
    </message>
    <message>
        <source>, %1 failed</source>
        <translation>, %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>, %1 unchanged</source>
        <translation>, %1 unverändert</translation>
    </message>
    <message>
        <source> (rate limited: waiting %1 s)</source>
        <translation> (Ratenlimit: warte %1 s)</translation>
    </message>
    <message>
        <source> (paused)</source>
        <translation> (pausiert)</translation>
    </message>
    <message>
        <source> (stalled: %1)</source>
        <translation> (stockt: %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s), %1 tokens, $%2 in all
</source>
        <translation>
            <numerusform>%n Lauf, %1 Tokens, $%2 insgesamt
</numerusform>
            <numerusform>%n Läufe, %1 Tokens, $%2 insgesamt
</numerusform>
        </translation>
    </message>
    <message>
        <source>warning: other users can read the API key file %1 (chmod 600 it)</source>
        <translation>Warnung: Andere Benutzer können die API-Schlüsseldatei %1 lesen (chmod 600 darauf anwenden)</translation>
    </message>
    <message>
        <source>price unknown</source>
        <translation>Preis unbekannt</translation>
    </message>
    <message>
        <source>Some tokens were paid at a price Signal Hub does not know: they are not in that sum (set a model&apos;s price with --price).
</source>
        <translation>Einige Tokens wurden zu einem Preis bezahlt, den Signal Hub nicht kennt: Sie sind in dieser Summe nicht enthalten (den Preis eines Modells setzen Sie mit --price).
</translation>
    </message>
    <message>
        <source>check: also compare every index with its table (integrity_check; slower).</source>
        <translation>check: auch jeden Index mit seiner Tabelle vergleichen (integrity_check; langsamer).</translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s) left pending; the next run sends them.
</source>
        <translation>
            <numerusform>%n Chunk bleibt ausstehend; der nächste Lauf sendet ihn.
</numerusform>
            <numerusform>%n Chunks bleiben ausstehend; der nächste Lauf sendet sie.
</numerusform>
        </translation>
    </message>
    <message>
        <source>It stopped because: %1
</source>
        <translation>Er wurde angehalten, weil: %1
</translation>
    </message>
    <message>
        <source>%1: ok
</source>
        <translation>%1: ok
</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found</source>
        <translation>
            <numerusform>%n Problem gefunden</numerusform>
            <numerusform>%n Probleme gefunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Print one JSON document on stdout (report: the report; export, and report with -o: a summary of the files written).</source>
        <translation>Ein JSON-Dokument auf stdout ausgeben (report: den Bericht; export, und report mit -o: eine Übersicht der geschriebenen Dateien).</translation>
    </message>
    <message>
        <source>report --json prints the report as JSON: leave out --format csv or --json</source>
        <translation>report --json gibt den Bericht als JSON aus: lassen Sie --format csv oder --json weg</translation>
    </message>
    <message>
        <source>export --json needs -o PATH: the rows go to the file, and stdout gets one JSON summary of what was written</source>
        <translation>export --json braucht -o PFAD: die Zeilen gehen in die Datei, und stdout erhält eine JSON-Übersicht des Geschriebenen</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s)</source>
        <translation>
            <numerusform>%n Chunk</numerusform>
            <numerusform>%n Chunks</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2: %3 stored, %4 unchanged, %5 failed; %6 tokens, %7, %8 (%9) in %10 s (%11 chunks/s)
</source>
        <translation>%1, %2: %3 gespeichert, %4 unverändert, %5 fehlgeschlagen; %6 Tokens, %7, %8 (%9) in %10 s (%11 Chunks/s)
</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n Anfrage</numerusform>
            <numerusform>%n Anfragen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n retry(s)</source>
        <translation>
            <numerusform>%n Wiederholung</numerusform>
            <numerusform>%n Wiederholungen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 skipped by rule, %2 unreadable (see &apos;estimate --files&apos;).
</source>
        <translation>%1 per Regel übersprungen, %2 nicht lesbar (siehe &apos;estimate --files&apos;).
</translation>
    </message>
    <message>
        <source>Database: %1
%2, %3 (%4 skipped, %5 unreadable), %6: %7 stored, %8 pending, %9 failed
</source>
        <translation>Datenbank: %1
%2, %3 (%4 übersprungen, %5 nicht lesbar), %6: %7 gespeichert, %8 ausstehend, %9 fehlgeschlagen
</translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n Ordner</numerusform>
            <numerusform>%n Ordner</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n space(s); </source>
        <translation>
            <numerusform>%1 in %n Raum; </numerusform>
            <numerusform>%1 in %n Räumen; </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n vector(s)</source>
        <translation>
            <numerusform>%n Vektor</numerusform>
            <numerusform>%n Vektoren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n vector(s) written to %1.npy and %1.jsonl
</source>
        <translation>
            <numerusform>%n Vektor nach %1.npy und %1.jsonl geschrieben
</numerusform>
            <numerusform>%n Vektoren nach %1.npy und %1.jsonl geschrieben
</numerusform>
        </translation>
    </message>
    <message>
        <source>index  %1  (%2, %3 tokens, %4 to send)
</source>
        <translation>index  %1  (%2, %3 Tokens, %4 zu senden)
</translation>
    </message>
    <message>
        <source>%1, %2 tokens; to send: %3, %4 tokens; %5 at $%6 per 1M tokens: $%7%8
</source>
        <translation>%1, %2 Tokens; zu senden: %3, %4 Tokens; %5 zu $%6 pro 1 Mio. Tokens: $%7%8
</translation>
    </message>
    <message numerus="yes">
        <source>%1% %2/%n chunk(s), %3 chunks/s, ETA %4, %5 tokens, $%6</source>
        <translation>
            <numerusform>%1% %2/%n Chunk, %3 Chunks/s, Restzeit %4, %5 Tokens, $%6</numerusform>
            <numerusform>%1% %2/%n Chunks, %3 Chunks/s, Restzeit %4, %5 Tokens, $%6</numerusform>
        </translation>
    </message>
    <message>
        <source>Also index secret files, skipped by default: those whose names mark them as holding keys or credentials (gitignore patterns, ! excepts): %1.</source>
        <translation>Auch geheime Dateien indexieren, die sonst übersprungen werden: solche, deren Namen sie als Träger von Schlüsseln oder Zugangsdaten ausweisen (gitignore-Muster, ! nimmt aus): %1.</translation>
    </message>
    <message numerus="yes">
        <source>not searched: %n folder(s) indexed with another model (%1); give that model&apos;s --provider and --model to search them</source>
        <translation>
            <numerusform>nicht durchsucht: %n mit einem anderen Modell indizierter Ordner (%1); geben Sie --provider und --model jenes Modells an, um ihn zu durchsuchen</numerusform>
            <numerusform>nicht durchsucht: %n mit einem anderen Modell indizierte Ordner (%1); geben Sie --provider und --model jenes Modells an, um sie zu durchsuchen</numerusform>
        </translation>
    </message>
    <message>
        <source>--mode needs hybrid, vector or keyword, not &apos;%1&apos;</source>
        <translation>--mode braucht hybrid, vector oder keyword, nicht „%1“</translation>
    </message>
    <message>
        <source>search: hybrid (words and meaning, the default), vector (meaning) or keyword (words; the query is not embedded).</source>
        <translation>search: hybrid (Wörter und Bedeutung, Standard), vector (Bedeutung) oder keyword (Wörter; die Anfrage wird nicht eingebettet).</translation>
    </message>
    <message>
        <source>search: only files matching this glob; with a &apos;/&apos; it matches the path within the indexed folder, else the file name (&apos;*&apos; crosses folders).</source>
        <translation>search: nur Dateien, die zu diesem Muster passen; mit einem „/“ gilt es für den Pfad im indexierten Ordner, sonst für den Dateinamen („*“ überspringt Ordner).</translation>
    </message>
    <message>
        <source>search: only files of this language (e.g. C++).</source>
        <translation>search: nur Dateien dieser Sprache (z. B. C++).</translation>
    </message>
    <message>
        <source>  (changed since it was indexed)</source>
        <translation>  (seit der Indexierung geändert)</translation>
    </message>
    <message>
        <source>      also at %1:%2-%3
</source>
        <translation>      auch in %1:%2-%3
</translation>
    </message>
    <message numerus="yes">
        <source>%n text(s) indexed before the keyword index existed are found by meaning only; index their folders again to add their words (nothing is embedded again)</source>
        <translation>
            <numerusform>%n Text, der vor dem Stichwortindex indexiert wurde, wird nur nach Bedeutung gefunden; indexieren Sie seinen Ordner erneut, um seine Wörter hinzuzufügen (nichts wird neu eingebettet)</numerusform>
            <numerusform>%n Texte, die vor dem Stichwortindex indexiert wurden, werden nur nach Bedeutung gefunden; indexieren Sie ihre Ordner erneut, um ihre Wörter hinzuzufügen (nichts wird neu eingebettet)</numerusform>
        </translation>
    </message>
    <message>
        <source>No hits.
</source>
        <translation>Keine Treffer.
</translation>
    </message>
    <message>
        <source>No hits among the files --path and --language leave.
</source>
        <translation>Keine Treffer unter den Dateien, die --path und --language übrig lassen.
</translation>
    </message>
    <message>
        <source>index, estimate: read and cut every file again, unchanged or not: files that older chunking rules cut get today&apos;s chunks (their new texts are sent), a salvaged database the chunks it lost.</source>
        <translation>index, estimate: jede Datei erneut lesen und schneiden, ob unverändert oder nicht: Dateien, die ältere Schnittregeln geschnitten haben, erhalten die heutigen Chunks (ihre neuen Texte werden gesendet), eine gerettete Datenbank die Chunks, die sie verloren hat.</translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged file(s) keep chunks cut by an older version of the chunking rules; estimate and index with --rechunk to cut them again (their new chunks are sent)
</source>
        <translation>
            <numerusform>%n unveränderte Datei behält Chunks, die eine ältere Version der Zerlegungsregeln geschnitten hat; estimate und index mit --rechunk zerlegen sie neu (ihre neuen Chunks werden gesendet)
</numerusform>
            <numerusform>%n unveränderte Dateien behalten Chunks, die eine ältere Version der Zerlegungsregeln geschnitten hat; estimate und index mit --rechunk zerlegen sie neu (ihre neuen Chunks werden gesendet)
</numerusform>
        </translation>
    </message>
    <message>
        <source>watch: at most N folder watches (default: as many as the system allows); the folders beyond are checked every few seconds instead.</source>
        <translation>watch: höchstens N Ordnerüberwachungen (Standard: so viele, wie das System erlaubt); die übrigen Ordner werden stattdessen alle paar Sekunden geprüft.</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 ist kein Ordner</translation>
    </message>
    <message>
        <source>%1 is up to date; watching.</source>
        <translation>%1 ist aktuell; wird überwacht.</translation>
    </message>
    <message>
        <source>%1: looking for changes…</source>
        <translation>%1: suche nach Änderungen…</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n path(s) changed</source>
        <translation>
            <numerusform>%1: %n Pfad geändert</numerusform>
            <numerusform>%1: %n Pfade geändert</numerusform>
        </translation>
    </message>
    <message>
        <source>--%1 needs dollars ≥ 0, e.g. 2.50, not &apos;%2&apos;</source>
        <translation>--%1 braucht Dollar ≥ 0, z. B. 2.50, nicht &apos;%2&apos;</translation>
    </message>
    <message>
        <source>watch: a batch of changes estimated to cost more waits for you (default $1).</source>
        <translation>watch: Änderungen, deren Schätzung mehr kostet, warten auf Sie (Standard $1).</translation>
    </message>
    <message>
        <source>watch: what watching may spend per day with a paid provider (default $5).</source>
        <translation>watch: was die Überwachung mit einem bezahlten Anbieter pro Tag ausgeben darf (Standard $5).</translation>
    </message>
    <message>
        <source>mcp: keep this folder current while serving (repeat for more folders).</source>
        <translation>mcp: diesen Ordner beim Bedienen aktuell halten (für weitere Ordner wiederholen).</translation>
    </message>
    <message>
        <source>mcp: serve Streamable HTTP on 127.0.0.1:PORT (0: a free port) instead of stdio; clients present the bearer token kept in the config folder.</source>
        <translation>mcp: Streamable HTTP auf 127.0.0.1:PORT bedienen (0: ein freier Port) statt stdio; Clients legen das Bearer-Token aus dem Konfigurationsordner vor.</translation>
    </message>
    <message>
        <source>--http needs a port from 0 to 65535</source>
        <translation>--http braucht einen Port von 0 bis 65535</translation>
    </message>
    <message>
        <source>stopped watching: %1</source>
        <translation>Überwachung beendet: %1</translation>
    </message>
    <message>
        <source>serving without watching (searches may miss the latest changes): %1</source>
        <translation>bediene ohne Überwachung (Suchen können die neuesten Änderungen verpassen): %1</translation>
    </message>
    <message>
        <source>serving MCP at %1; clients send the header &apos;Authorization: Bearer TOKEN&apos; with the token in %2</source>
        <translation>bediene MCP unter %1; Clients senden den Header &apos;Authorization: Bearer TOKEN&apos; mit dem Token aus %2</translation>
    </message>
    <message>
        <source>Folder: %1
</source>
        <translation>Ordner: %1
</translation>
    </message>
    <message>
        <source>The embedding model; built in: minilm (exact, the default) or minilm-int8 (fast).</source>
        <translation>Das Embedding-Modell; eingebaut: minilm (genau, Voreinstellung) oder minilm-int8 (schnell).</translation>
    </message>
    <message numerus="yes">
        <source>Removed %1: %2, %3, and %n vector(s) no other folder used.
</source>
        <translation>
            <numerusform>%1 entfernt: %2, %3 und %n Vektor, den kein anderer Ordner verwendete.
</numerusform>
            <numerusform>%1 entfernt: %2, %3 und %n Vektoren, die kein anderer Ordner verwendete.
</numerusform>
        </translation>
    </message>
    <message>
        <source>Folder: %1 (%2)
</source>
        <translation>Ordner: %1 (%2)
</translation>
    </message>
    <message>
        <source>Index codebases for semantic search.

Commands:
  index PATH...      scan, chunk and embed folders or files into the store
  estimate PATH...   tokens and dollars before anything is sent (--files: what and why)
  status             runs, totals, pending and failed chunks
  failed             failed chunks with their reasons
  retry-failed       send the failed chunks again
  report             costs by run, model, folder, file or day
  export             vectors as JSONL or NumPy (.npy + .jsonl); --format index -o FILE
                     [PATH...]: the indexed folders as a database another can import
  search QUERY       the code that best matches a question or words
  embed TEXT...      print vectors as JSON
  check              read every page of the database (--full: also every index)
  watch PATH...      index folders, then keep them current as files change
  mcp                serve coding agents over MCP (stdio; --http PORT for HTTP)
  remove PATH...     drop indexed folders with their chunks and unshared vectors
  import FILE        add the indexed folders of an exported index (nothing re-embedded)

Exit codes: 0 all stored (check: the database is sound), 1 some chunks failed,
2 usage or configuration error, 3 fatal (authentication, model not found, database
unusable or damaged, disk full), 130/143 interrupted.
API keys come from an environment variable (--api-key-env, default OPENAI_API_KEY)
or a file (--api-key-file), never from a flag&apos;s value.</source>
        <translation>Indexiert Codebasen für die semantische Suche.

Befehle:
  index PFAD...      Ordner oder Dateien durchsuchen, in Chunks teilen und in den Speicher einbetten
  estimate PFAD...   Tokens und Dollar, bevor etwas gesendet wird (--files: was und warum)
  status             Läufe, Summen, ausstehende und fehlgeschlagene Chunks
  failed             fehlgeschlagene Chunks mit ihren Gründen
  retry-failed       die fehlgeschlagenen Chunks erneut senden
  report             Kosten nach Lauf, Modell, Ordner, Datei oder Tag
  export             Vektoren als JSONL oder NumPy (.npy + .jsonl); --format index -o DATEI
                     [PFAD...]: die indizierten Ordner als Datenbank, die andere importieren können
  search ANFRAGE     der Code, der am besten zu einer Frage oder zu Wörtern passt
  embed TEXT...      Vektoren als JSON ausgeben
  check              jede Seite der Datenbank lesen (--full: auch jeden Index)
  watch PFAD...      Ordner indexieren und danach aktuell halten, wenn sich Dateien ändern
  mcp                Coding-Agenten über MCP bedienen (stdio; --http PORT für HTTP)
  remove PFAD...     indizierte Ordner mit ihren Chunks und nicht geteilten Vektoren entfernen
  import DATEI       die indizierten Ordner eines exportierten Index übernehmen (nichts wird neu eingebettet)

Exit-Codes: 0 alles gespeichert (check: die Datenbank ist intakt), 1 einige Chunks fehlgeschlagen,
2 Aufruf- oder Konfigurationsfehler, 3 fatal (Authentifizierung, Modell nicht gefunden, Datenbank
unbrauchbar oder beschädigt, Datenträger voll), 130/143 unterbrochen.
API-Schlüssel stammen aus einer Umgebungsvariablen (--api-key-env, Standard OPENAI_API_KEY)
oder einer Datei (--api-key-file), nie aus dem Wert einer Option.</translation>
    </message>
    <message>
        <source>report: csv or json; export: jsonl, npy or index.</source>
        <translation>report: csv oder json; export: jsonl, npy oder index.</translation>
    </message>
    <message>
        <source>import needs one FILE (an exported index)</source>
        <translation>import braucht genau eine DATEI (einen exportierten Index)</translation>
    </message>
    <message>
        <source>export needs --format jsonl, --format npy or --format index</source>
        <translation>export braucht --format jsonl, --format npy oder --format index</translation>
    </message>
    <message>
        <source>export --format index needs -o FILE (a new database file)</source>
        <translation>export --format index braucht -o DATEI (eine neue Datenbankdatei)</translation>
    </message>
    <message>
        <source>export --format %1 exports every folder of the space; only --format index takes folders (got &apos;%2&apos;)</source>
        <translation>export --format %1 exportiert jeden Ordner des Embedding-Raums; nur --format index nimmt Ordner an (erhalten: &apos;%2&apos;)</translation>
    </message>
    <message numerus="yes">
        <source>Copied %1: %2, %3, %n vector(s).
</source>
        <translation>
            <numerusform>%1 kopiert: %2, %3, %n Vektor.
</numerusform>
            <numerusform>%1 kopiert: %2, %3, %n Vektoren.
</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not a file (an exported index)</source>
        <translation>%1 ist keine Datei (kein exportierter Index)</translation>
    </message>
    <message>
        <source>%1 exists: export --format index writes a new file</source>
        <translation>%1 existiert: export --format index schreibt eine neue Datei</translation>
    </message>
    <message>
        <source>index: what the folder is known by wherever it lies (one PATH), for a folder outside git: a moved copy indexed with the same name keeps its index.</source>
        <translation>index: woran der Ordner erkannt wird, wo immer er liegt (ein PFAD), für einen Ordner außerhalb von git: eine verschobene Kopie, mit demselben Namen indiziert, behält ihren Index.</translation>
    </message>
    <message>
        <source>--name names the one PATH of index</source>
        <translation>--name benennt den einen PFAD von index</translation>
    </message>
    <message>
        <source>--name needs a name</source>
        <translation>--name braucht einen Namen</translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s) embedded by teammates&apos; workers of the same run (not paid here).
</source>
        <translation>
            <numerusform>%n Chunk von Workern der Teammitglieder im selben Lauf eingebettet (hier nicht bezahlt).
</numerusform>
            <numerusform>%n Chunks von Workern der Teammitglieder im selben Lauf eingebettet (hier nicht bezahlt).
</numerusform>
        </translation>
    </message>
    <message>
        <source>Running now: #%1%2, started %3: %4 stored, %5 failed, %6 tokens so far
</source>
        <translation>Läuft gerade: #%1%2, gestartet %3: bisher %4 gespeichert, %5 fehlgeschlagen, %6 Tokens
</translation>
    </message>
    <message>
        <source> on %1</source>
        <translation> auf %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Index codebases for semantic search.</source>
        <translation>Indexiert Codebasen für die semantische Suche.</translation>
    </message>
    <message>
        <source>Folders or files to index at once.</source>
        <translation>Ordner oder Dateien, die sofort indexiert werden.</translation>
    </message>
</context>
</TS>
