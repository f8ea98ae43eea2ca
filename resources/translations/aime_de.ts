<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CsvImportReport</name>
    <message>
        <source>%1 albums read: %2 added, %3 already present, %4 joined albums you had</source>
        <translation>%1 Alben gelesen: %2 hinzugefügt, %3 schon vorhanden, %4 mit vorhandenen Alben zusammengeführt</translation>
    </message>
    <message>
        <source>; %1 broken rows skipped (line %2%3)</source>
        <translation>; %1 fehlerhafte Zeilen übersprungen (Zeile %2%3)</translation>
    </message>
    <message>
        <source>; cancelled before the end of the file</source>
        <translation>; vor dem Ende der Datei abgebrochen</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a Discogs collection export: %2</source>
        <translation>%1 ist kein Discogs-Sammlungsexport: %2</translation>
    </message>
    <message>
        <source>Stopped at line %1: %2</source>
        <translation>Bei Zeile %1 angehalten: %2</translation>
    </message>
    <message>
        <source>%1 albums</source>
        <translation>%1 Alben</translation>
    </message>
</context>
<context>
    <name>SearchProviders</name>
    <message>
        <source>Your collection</source>
        <translation>Ihre Sammlung</translation>
    </message>
</context>
<context>
    <name>aime::AccountManager</name>
    <message>
        <source>Spotify disconnected AIME: %1</source>
        <translation>Spotify hat die Verbindung zu AIME getrennt: %1</translation>
    </message>
    <message>
        <source>Cannot read AIME&apos;s credentials from the keychain: %1</source>
        <translation>Die Zugangsdaten von AIME können nicht aus dem Schlüsselbund gelesen werden: %1</translation>
    </message>
    <message>
        <source>The keychain did not keep the credentials: %1</source>
        <translation>Der Schlüsselbund hat die Zugangsdaten nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The keychain did not forget the credentials: %1</source>
        <translation>Der Schlüsselbund hat die Zugangsdaten nicht gelöscht: %1</translation>
    </message>
    <message>
        <source>Connected as %1.</source>
        <translation>Verbunden als %1.</translation>
    </message>
    <message>
        <source>Enter your Discogs user name and token.</source>
        <translation>Geben Sie Ihren Discogs-Benutzernamen und Ihr Token ein.</translation>
    </message>
    <message>
        <source>This token belongs to Discogs user &quot;%1&quot;, not &quot;%2&quot;.</source>
        <translation>Dieses Token gehört dem Discogs-Benutzer „%1“, nicht „%2“.</translation>
    </message>
</context>
<context>
    <name>aime::AimeApplication</name>
    <message>
        <source>Cover images</source>
        <translation>Der Cover-Bildserver</translation>
    </message>
    <message>
        <source>The Cover Art Archive</source>
        <translation>Das Cover Art Archive</translation>
    </message>
</context>
<context>
    <name>aime::AlbumGridView</name>
    <message>
        <source>Album grid</source>
        <translation>Albenraster</translation>
    </message>
</context>
<context>
    <name>aime::AlbumListModel</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>%1
%2 (%3)</source>
        <translation>%1
%2 (%3)</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>the albums cannot be counted</source>
        <translation>die Alben können nicht gezählt werden</translation>
    </message>
</context>
<context>
    <name>aime::AlbumStore</name>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot open the collection database %1: %2</source>
        <translation>Die Sammlungsdatenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot start a transaction: %1</source>
        <translation>Eine Transaktion kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Cannot store &quot;%1&quot; by %2: %3</source>
        <translation>„%1“ von %2 kann nicht gespeichert werden: %3</translation>
    </message>
    <message>
        <source>Cannot merge &quot;%1&quot; with the album of the same barcode: %2</source>
        <translation>„%1“ kann nicht mit dem Album mit demselben Barcode zusammengeführt werden: %2</translation>
    </message>
    <message>
        <source>Cannot update the search index: %1</source>
        <translation>Der Suchindex kann nicht aktualisiert werden: %1</translation>
    </message>
    <message>
        <source>Cannot save the albums: %1</source>
        <translation>Die Alben können nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Cannot record the import: %1</source>
        <translation>Der Import kann nicht eingetragen werden: %1</translation>
    </message>
    <message>
        <source>Cannot save the import&apos;s state: %1</source>
        <translation>Der Stand des Imports kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Cannot store the description: %1</source>
        <translation>Die Beschreibung kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Cannot save the descriptions: %1</source>
        <translation>Die Beschreibungen können nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Cannot save the job&apos;s progress: %1</source>
        <translation>Der Fortschritt des Auftrags kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Cannot keep the covers&apos; files: %1</source>
        <translation>Die Cover-Dateien können nicht eingetragen werden: %1</translation>
    </message>
    <message>
        <source>The store is not open yet.</source>
        <translation>Die Sammlung ist noch nicht geöffnet.</translation>
    </message>
    <message>
        <source>Cannot forget the covers&apos; files: %1</source>
        <translation>Die Cover-Dateien können nicht ausgetragen werden: %1</translation>
    </message>
</context>
<context>
    <name>aime::CollectionExporter</name>
    <message>
        <source>Cannot write the export: %1</source>
        <translation>Der Export kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>aime::CoverDiskCache</name>
    <message>
        <source>Cannot create the cover folder %1.</source>
        <translation>Der Cover-Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot keep the cover in %1: %2</source>
        <translation>Das Cover kann nicht in %1 abgelegt werden: %2</translation>
    </message>
</context>
<context>
    <name>aime::CoverFetcher</name>
    <message>
        <source>No source has a cover for this album.</source>
        <translation>Keine Quelle hat ein Cover für dieses Album.</translation>
    </message>
</context>
<context>
    <name>aime::DescribeAlbumsJob</name>
    <message>
        <source>descriptions</source>
        <translation>Beschreibungen</translation>
    </message>
    <message>
        <source>No AI endpoint is set up.</source>
        <translation>Es ist kein KI-Endpunkt eingerichtet.</translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) got no usable answer and stay without a description.</source>
        <translation>
            <numerusform>%n Album erhielt keine brauchbare Antwort und bleibt ohne Beschreibung.</numerusform>
            <numerusform>%n Alben erhielten keine brauchbare Antwort und bleiben ohne Beschreibung.</numerusform>
        </translation>
    </message>
    <message>
        <source>No album of a batch of %1 got a usable answer; the last: %2</source>
        <translation>Kein Album aus einem Stapel von %1 erhielt eine brauchbare Antwort; die letzte: %2</translation>
    </message>
    <message>
        <source>Cannot count the albums without a description.</source>
        <translation>Die Alben ohne Beschreibung können nicht gezählt werden.</translation>
    </message>
</context>
<context>
    <name>aime::DescriptionPanel</name>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Generieren</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Edit the description</source>
        <translation>Beschreibung bearbeiten</translation>
    </message>
    <message>
        <source>Why this text</source>
        <translation>Warum dieser Text</translation>
    </message>
    <message>
        <source>What the model was given</source>
        <translation>Was das Modell erhalten hat</translation>
    </message>
    <message>
        <source>Replace your text?</source>
        <translation>Ihren Text ersetzen?</translation>
    </message>
    <message>
        <source>You edited this description. Replace it with a new one from the model?</source>
        <translation>Sie haben diese Beschreibung bearbeitet. Soll sie durch eine neue vom Modell ersetzt werden?</translation>
    </message>
    <message>
        <source>No description yet.</source>
        <translation>Noch keine Beschreibung.</translation>
    </message>
    <message>
        <source>Writing a description…</source>
        <translation>Beschreibung wird geschrieben…</translation>
    </message>
    <message>
        <source>Writing a description with %1…</source>
        <translation>Beschreibung wird mit %1 geschrieben…</translation>
    </message>
    <message>
        <source>Edited by you, %1</source>
        <translation>Von Ihnen bearbeitet, %1</translation>
    </message>
    <message>
        <source>Edited by you, %1; first written by %2</source>
        <translation>Von Ihnen bearbeitet, %1; ursprünglich geschrieben von %2</translation>
    </message>
    <message>
        <source>Written by %1, %2</source>
        <translation>Geschrieben von %1, %2</translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation>&amp;Neu generieren</translation>
    </message>
    <message>
        <source>Ask the AI endpoint for three to five sentences from the facts below</source>
        <translation>Den KI-Endpunkt um drei bis fünf Sätze aus den folgenden Fakten bitten</translation>
    </message>
    <message>
        <source>No AI endpoint is set up</source>
        <translation>Es ist kein KI-Endpunkt eingerichtet</translation>
    </message>
    <message>
        <source>&amp;Write…</source>
        <translation>&amp;Verfassen…</translation>
    </message>
    <message>
        <source>Instructions:</source>
        <translation>Anweisungen:</translation>
    </message>
    <message>
        <source>Facts:</source>
        <translation>Fakten:</translation>
    </message>
</context>
<context>
    <name>aime::DescriptionService</name>
    <message>
        <source>The AI endpoint has no model; with Ollama, `ollama pull llama3.2` fetches one.</source>
        <translation>Der KI-Endpunkt hat kein Modell; bei Ollama lädt `ollama pull llama3.2` eines herunter.</translation>
    </message>
    <message>
        <source>The model declined: %1</source>
        <translation>Das Modell hat abgelehnt: %1</translation>
    </message>
    <message>
        <source>The endpoint&apos;s content filter stopped the answer.</source>
        <translation>Der Inhaltsfilter des Endpunkts hat die Antwort gestoppt.</translation>
    </message>
    <message>
        <source>The model gave an empty answer.</source>
        <translation>Das Modell hat eine leere Antwort gegeben.</translation>
    </message>
    <message>
        <source>The answer was cut off before its first sentence ended.</source>
        <translation>Die Antwort brach vor dem Ende ihres ersten Satzes ab.</translation>
    </message>
    <message>
        <source>The album is not in the collection.</source>
        <translation>Das Album ist nicht in der Sammlung.</translation>
    </message>
    <message>
        <source>The description could not be stored: %1</source>
        <translation>Die Beschreibung konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>aime::DetailsPane</name>
    <message>
        <source>Discogs</source>
        <translation>Discogs</translation>
    </message>
    <message>
        <source>Spotify</source>
        <translation>Spotify</translation>
    </message>
    <message>
        <source>MusicBrainz</source>
        <translation>MusicBrainz</translation>
    </message>
    <message>
        <source>Imported file</source>
        <translation>Importierte Datei</translation>
    </message>
    <message>
        <source>open</source>
        <translation>öffnen</translation>
    </message>
    <message>
        <source>Album details</source>
        <translation>Albumdetails</translation>
    </message>
    <message>
        <source>Select an album to see its details.</source>
        <translation>Wählen Sie ein Album aus, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>&amp;Open image</source>
        <translation>&amp;Bild öffnen</translation>
    </message>
    <message>
        <source>Open the cover in the image viewer</source>
        <translation>Das Cover im Bildbetrachter öffnen</translation>
    </message>
    <message>
        <source>Cop&amp;y image</source>
        <translation>Bild &amp;kopieren</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Genres</source>
        <translation>Genres</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Tracks</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <source>Tracklist</source>
        <translation>Titelliste</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>aime::DiscogsClient</name>
    <message>
        <source>Discogs refused the token: reconnect in Preferences &gt; Accounts.</source>
        <translation>Discogs hat das Token abgelehnt: Verbinden Sie sich erneut unter Einstellungen &gt; Konten.</translation>
    </message>
    <message>
        <source>Discogs sent something that is not an image.</source>
        <translation>Discogs hat etwas gesendet, das kein Bild ist.</translation>
    </message>
    <message>
        <source>%1 is not an https address on Discogs; the token is not sent there.</source>
        <translation>%1 ist keine https-Adresse bei Discogs; das Token wird nicht dorthin gesendet.</translation>
    </message>
</context>
<context>
    <name>aime::DiscogsCollectionImport</name>
    <message>
        <source>release details</source>
        <translation>Veröffentlichungsdetails</translation>
    </message>
    <message>
        <source>collection</source>
        <translation>Sammlung</translation>
    </message>
    <message>
        <source>This import names no Discogs user.</source>
        <translation>Dieser Import nennt keinen Discogs-Benutzer.</translation>
    </message>
</context>
<context>
    <name>aime::DiscogsCsvReader</name>
    <message>
        <source>The file is not open for reading.</source>
        <translation>Die Datei ist nicht zum Lesen geöffnet.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>The header row has a quoted name that is never closed.</source>
        <translation>Die Kopfzeile enthält einen Namen, dessen Anführungszeichen nie geschlossen werden.</translation>
    </message>
    <message>
        <source>The header has the column &quot;%1&quot; twice.</source>
        <translation>Die Kopfzeile enthält die Spalte „%1“ zweimal.</translation>
    </message>
    <message>
        <source>The header has no %1 column, so this is not a Discogs collection export.</source>
        <translation>Die Kopfzeile hat keine Spalte %1, daher ist dies kein Discogs-Sammlungsexport.</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <extracomment>Two missing column names: &quot;Artist&quot; or &quot;Title&quot;</extracomment>
        <translation>%1 oder %2</translation>
    </message>
    <message>
        <source>The header must be read before the records.</source>
        <translation>Die Kopfzeile muss vor den Datensätzen gelesen werden.</translation>
    </message>
    <message>
        <source>a quoted field is not closed before the end of the file</source>
        <translation>ein Feld in Anführungszeichen wird bis zum Dateiende nicht geschlossen</translation>
    </message>
    <message>
        <source>row has %1 field, expected %2</source>
        <translation>die Zeile hat %1 Feld, erwartet wurden %2</translation>
    </message>
    <message>
        <source>row has %1 fields, expected %2</source>
        <translation>die Zeile hat %1 Felder, erwartet wurden %2</translation>
    </message>
    <message>
        <source>Artist is empty</source>
        <translation>Künstler (Artist) ist leer</translation>
    </message>
    <message>
        <source>Title is empty</source>
        <translation>Titel (Title) ist leer</translation>
    </message>
    <message>
        <source>release_id &quot;%1&quot; is not a number</source>
        <translation>release_id „%1“ ist keine Zahl</translation>
    </message>
    <message>
        <source>release_id &quot;%1&quot; is not a valid Discogs release id</source>
        <translation>release_id „%1“ ist keine gültige ID einer Discogs-Veröffentlichung</translation>
    </message>
</context>
<context>
    <name>aime::EmptyCollectionWidget</name>
    <message>
        <source>Your album collection is empty</source>
        <translation>Ihre Albensammlung ist leer</translation>
    </message>
    <message>
        <source>AIME keeps your albums in one place: browse them as a wall of covers, search them as you type, and see every detail of each release. Fill it from one of these:</source>
        <translation>AIME verwahrt Ihre Alben an einem Ort: Stöbern Sie in einer Wand aus Covern, durchsuchen Sie sie schon beim Tippen und sehen Sie jedes Detail jeder Veröffentlichung. Füllen Sie die Sammlung aus einer dieser Quellen:</translation>
    </message>
    <message>
        <source>Import a Discogs CSV export…</source>
        <translation>Discogs-CSV-Export importieren…</translation>
    </message>
    <message>
        <source>On discogs.com: Collection &gt; Export, then pick the file here.</source>
        <translation>Auf discogs.com: Collection &gt; Export, dann die Datei hier auswählen.</translation>
    </message>
    <message>
        <source>Load the sample collection</source>
        <translation>Beispielsammlung laden</translation>
    </message>
    <message>
        <source>651 well-known albums to try AIME with.</source>
        <translation>651 bekannte Alben zum Ausprobieren von AIME.</translation>
    </message>
    <message>
        <source>Import your Discogs collection…</source>
        <translation>Ihre Discogs-Sammlung importieren…</translation>
    </message>
    <message>
        <source>Reads your collection on discogs.com, then each release&apos;s details, in the background.</source>
        <translation>Liest im Hintergrund Ihre Sammlung auf discogs.com und dann die Details jeder Veröffentlichung.</translation>
    </message>
    <message>
        <source>Import your Spotify saved albums…</source>
        <translation>Ihre gespeicherten Spotify-Alben importieren…</translation>
    </message>
    <message>
        <source>Connect Spotify in Preferences, then import the albums saved in your library.</source>
        <translation>Verbinden Sie Spotify in den Einstellungen und importieren Sie dann die in Ihrer Bibliothek gespeicherten Alben.</translation>
    </message>
</context>
<context>
    <name>aime::FetchCoversJob</name>
    <message>
        <source>covers</source>
        <translation>Cover</translation>
    </message>
    <message>
        <source>Covers cannot be fetched here.</source>
        <translation>Cover können hier nicht abgerufen werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) have no cover anywhere.</source>
        <translation>
            <numerusform>%n Album hat nirgends ein Cover.</numerusform>
            <numerusform>%n Alben haben nirgends ein Cover.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>aime::ImageClient</name>
    <message>
        <source>The answer is not an image.</source>
        <translation>Die Antwort ist kein Bild.</translation>
    </message>
</context>
<context>
    <name>aime::ImportJobModel</name>
    <message>
        <source>Discogs collection of %1</source>
        <translation>Discogs-Sammlung von %1</translation>
    </message>
    <message>
        <source>Spotify saved albums</source>
        <translation>Gespeicherte Spotify-Alben</translation>
    </message>
    <message>
        <source>Fetch missing covers</source>
        <translation>Fehlende Cover herunterladen</translation>
    </message>
    <message>
        <source>Describe albums without a description</source>
        <translation>Alben ohne Beschreibung beschreiben</translation>
    </message>
    <message>
        <source>Describe 1 album</source>
        <translation>1 Album beschreiben</translation>
    </message>
    <message>
        <source>Describe %1 albums</source>
        <translation>%1 Alben beschreiben</translation>
    </message>
    <message>
        <source>Add “%1”</source>
        <translation>„%1“ hinzufügen</translation>
    </message>
    <message>
        <source>Add “%1” by %2</source>
        <translation>„%1“ von %2 hinzufügen</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>release details</source>
        <translation>Veröffentlichungsdetails</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
</context>
<context>
    <name>aime::ImportManager</name>
    <message>
        <source>rate limit, %1 s</source>
        <translation>Ratenbegrenzung, %1 s</translation>
    </message>
    <message>
        <source>Cannot read the imports: %1</source>
        <translation>Die Importe können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>AIME is quitting.</source>
        <translation>AIME wird beendet.</translation>
    </message>
    <message>
        <source>AIME cannot run &quot;%1&quot; imports.</source>
        <translation>AIME kann keine „%1“-Importe ausführen.</translation>
    </message>
</context>
<context>
    <name>aime::ImportProgressWidget</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Importfortschritt</translation>
    </message>
    <message>
        <source>Stop the import; albums read so far stay in the collection.</source>
        <translation>Den Import stoppen; bisher gelesene Alben bleiben in der Sammlung.</translation>
    </message>
    <message>
        <source>Importing %1: %2</source>
        <translation>%1 wird importiert: %2</translation>
    </message>
    <message>
        <source>The import stopped unexpectedly.</source>
        <translation>Der Import wurde unerwartet beendet.</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <source>Cancelling %1…</source>
        <translation>%1: Import wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>aime::JobsPanel</name>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>E&amp;ntfernen</translation>
    </message>
    <message>
        <source>Resume &amp;interrupted</source>
        <translation>Unterbrochene &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Stop the selected import; what it stored stays.</source>
        <translation>Den ausgewählten Import stoppen; bereits Gespeichertes bleibt erhalten.</translation>
    </message>
    <message>
        <source>Go on with the selected import from where it stopped.</source>
        <translation>Den ausgewählten Import dort fortsetzen, wo er angehalten wurde.</translation>
    </message>
    <message>
        <source>Remove the finished import from this list; its albums stay.</source>
        <translation>Den abgeschlossenen Import aus dieser Liste entfernen; seine Alben bleiben erhalten.</translation>
    </message>
    <message>
        <source>Import jobs</source>
        <translation>Importaufträge</translation>
    </message>
</context>
<context>
    <name>aime::KeyboardShortcutsDialog</name>
    <message>
        <source>AIME Help</source>
        <translation>AIME-Hilfe</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Fill your collection from the Import menu (Ctrl+I): your Spotify saved albums, your Discogs collection, a Discogs CSV export, or the sample collection. Imports run in the background; the Jobs panel (Ctrl+J) shows them.

Type in the search box (Ctrl+F) to filter the collection. Search Online (Ctrl+Shift+F) asks Spotify, Discogs and MusicBrainz at once.

Select an album to see its details, its cover and its description. Accounts, covers and the AI endpoint are in Preferences (Ctrl+,).</source>
        <translation>Füllen Sie Ihre Sammlung über das Menü „Importieren“ (Strg+I): Ihre gespeicherten Spotify-Alben, Ihre Discogs-Sammlung, einen Discogs-CSV-Export oder die Beispielsammlung. Importe laufen im Hintergrund; der Bereich „Aufträge“ (Strg+J) zeigt sie.

Tippen Sie in das Suchfeld (Strg+F), um die Sammlung zu filtern. Die Online-Suche (Strg+Umschalt+F) fragt Spotify, Discogs und MusicBrainz gleichzeitig.

Wählen Sie ein Album, um seine Details, sein Cover und seine Beschreibung zu sehen. Konten, Cover und der KI-Endpunkt finden sich in den Einstellungen (Strg+,).</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>aime::KeychainBackend</name>
    <message>
        <source>the system keychain</source>
        <translation>im Schlüsselbund des Systems</translation>
    </message>
</context>
<context>
    <name>aime::LlmClient</name>
    <message>
        <source>The AI endpoint</source>
        <translation>Der KI-Endpunkt</translation>
    </message>
    <message>
        <source>The AI endpoint wants an API key; add it in Preferences &gt; AI.</source>
        <translation>Der KI-Endpunkt verlangt einen API-Schlüssel; tragen Sie ihn unter Einstellungen &gt; KI ein.</translation>
    </message>
    <message>
        <source>The AI endpoint refused the API key; check it in Preferences &gt; AI.</source>
        <translation>Der KI-Endpunkt hat den API-Schlüssel abgelehnt; prüfen Sie ihn unter Einstellungen &gt; KI.</translation>
    </message>
    <message>
        <source>It says: %1</source>
        <translation>Meldung: %1</translation>
    </message>
    <message>
        <source>Cannot reach the AI endpoint at %1. Is Ollama running? Start it with `ollama serve`.</source>
        <translation>Der KI-Endpunkt unter %1 ist nicht erreichbar. Läuft Ollama? Starten Sie es mit `ollama serve`.</translation>
    </message>
    <message>
        <source>Cannot reach the AI endpoint at %1: %2</source>
        <translation>Der KI-Endpunkt unter %1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>The AI endpoint at %1 gave no answer within %2 s; a larger model may need a faster machine.</source>
        <translation>Der KI-Endpunkt unter %1 hat innerhalb von %2 s nicht geantwortet; ein größeres Modell braucht eventuell einen schnelleren Rechner.</translation>
    </message>
    <message>
        <source>The AI endpoint is still limiting requests after several waits; try again later.</source>
        <translation>Der KI-Endpunkt begrenzt die Anfragen auch nach mehreren Wartezeiten noch; versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The AI endpoint does not have that model; choose one in Preferences &gt; AI (with Ollama: `ollama pull MODEL`).</source>
        <translation>Der KI-Endpunkt hat dieses Modell nicht; wählen Sie eines unter Einstellungen &gt; KI (mit Ollama: `ollama pull MODELL`).</translation>
    </message>
    <message>
        <source>%1 does not exist; is the endpoint&apos;s address right? (Ollama&apos;s ends in /v1.)</source>
        <translation>%1 existiert nicht; ist die Adresse des Endpunkts richtig? (Die von Ollama endet auf /v1.)</translation>
    </message>
</context>
<context>
    <name>aime::LlmParser</name>
    <message>
        <source>The AI endpoint answered with an error.</source>
        <translation>Der KI-Endpunkt antwortete mit einem Fehler.</translation>
    </message>
</context>
<context>
    <name>aime::LoopbackReplyHandler</name>
    <message>
        <source>&lt;h2 style=&quot;font-family: sans-serif&quot;&gt;AIME received Spotify&apos;s answer.&lt;/h2&gt;&lt;p style=&quot;font-family: sans-serif&quot;&gt;You can close this tab and go back to AIME.&lt;/p&gt;</source>
        <translation>&lt;h2 style=&quot;font-family: sans-serif&quot;&gt;AIME hat die Antwort von Spotify erhalten.&lt;/h2&gt;&lt;p style=&quot;font-family: sans-serif&quot;&gt;Sie können diesen Tab schließen und zu AIME zurückkehren.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>aime::MainWindow</name>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>AIME</source>
        <translation>AIME</translation>
    </message>
    <message>
        <source>Opening your collection…</source>
        <translation>Ihre Sammlung wird geöffnet…</translation>
    </message>
    <message>
        <source>Cannot read the collection: %1</source>
        <translation>Die Sammlung kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>&amp;Jobs</source>
        <translation>&amp;Aufträge</translation>
    </message>
    <message>
        <source>Ctrl+J</source>
        <translation>Ctrl+J</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>wird gestartet</translation>
    </message>
    <message>
        <source>Importing: %1</source>
        <translation>Import: %1</translation>
    </message>
    <message>
        <source>%1 imports: %2</source>
        <translation>%1 Importe: %2</translation>
    </message>
    <message>
        <source>%1: done.</source>
        <translation>%1: fertig.</translation>
    </message>
    <message>
        <source>%1: done, %2 releases.</source>
        <translation>%1: fertig, %2 Veröffentlichungen.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Import Discogs collection</source>
        <translation>Discogs-Sammlung importieren</translation>
    </message>
    <message>
        <source>Discogs user whose collection to import:</source>
        <translation>Discogs-Benutzer, dessen Sammlung importiert werden soll:</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Connect your Spotify account first, then import your saved albums.</source>
        <translation>Verbinden Sie zuerst Ihr Spotify-Konto und importieren Sie dann Ihre gespeicherten Alben.</translation>
    </message>
    <message>
        <source>Search Online</source>
        <translation>Online-Suche</translation>
    </message>
    <message>
        <source>No description: %1</source>
        <translation>Keine Beschreibung: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Export collection</source>
        <translation>&amp;Sammlung exportieren</translation>
    </message>
    <message>
        <source>As &amp;CSV (Discogs columns)…</source>
        <translation>Als &amp;CSV (Discogs-Spalten)…</translation>
    </message>
    <message>
        <source>As &amp;JSON…</source>
        <translation>Als &amp;JSON…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Spotify saved albums…</source>
        <translation>Gespeicherte &amp;Spotify-Alben…</translation>
    </message>
    <message>
        <source>Discogs &amp;collection…</source>
        <translation>&amp;Discogs-Sammlung…</translation>
    </message>
    <message>
        <source>Discogs CSV &amp;export…</source>
        <translation>Discogs-CSV-&amp;Export…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+I</source>
        <translation>Ctrl+Shift+I</translation>
    </message>
    <message>
        <source>S&amp;ample collection</source>
        <translation>&amp;Beispielsammlung</translation>
    </message>
    <message>
        <source>Cancel &amp;running import</source>
        <translation>Laufenden Import &amp;abbrechen</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Describe selected albums</source>
        <translation>Ausgewählte Alben &amp;beschreiben</translation>
    </message>
    <message>
        <source>Ctrl+Shift+G</source>
        <translation>Ctrl+Shift+G</translation>
    </message>
    <message>
        <source>Describe &amp;albums without a description</source>
        <translation>Alben &amp;ohne Beschreibung beschreiben</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>A job in the Jobs panel that asks the AI endpoint for every album without one</source>
        <translation>Ein Auftrag im Auftragsbereich, der den KI-Endpunkt für jedes Album ohne Beschreibung anfragt</translation>
    </message>
    <message>
        <source>&amp;Fetch missing covers</source>
        <translation>&amp;Fehlende Cover herunterladen</translation>
    </message>
    <message>
        <source>A job in the Jobs panel that downloads the cover of every album without one</source>
        <translation>Ein Auftrag im Auftragsbereich, der für jedes Album ohne Cover das Cover herunterlädt</translation>
    </message>
    <message>
        <source>&amp;Search collection</source>
        <translation>&amp;Sammlung durchsuchen</translation>
    </message>
    <message>
        <source>Search &amp;Online…</source>
        <translation>&amp;Online-Suche…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation>Ctrl+Shift+F</translation>
    </message>
    <message>
        <source>Search Spotify, Discogs, MusicBrainz and your collection (Ctrl+Shift+F)</source>
        <translation>Spotify, Discogs, MusicBrainz und Ihre Sammlung durchsuchen (Strg+Umschalt+F)</translation>
    </message>
    <message>
        <source>S&amp;ort by</source>
        <translation>Sor&amp;tieren nach</translation>
    </message>
    <message>
        <source>&amp;Artist</source>
        <translation>&amp;Künstler</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>&amp;Jahr</translation>
    </message>
    <message>
        <source>&amp;Date added (newest first)</source>
        <translation>&amp;Hinzugefügt am (neueste zuerst)</translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation>Ctrl+%1</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Vergrößern</translation>
    </message>
    <message>
        <source>Ctrl+=</source>
        <translation>Ctrl+=</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>&amp;Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>&amp;Details pane</source>
        <translation>&amp;Detailbereich</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About AIME</source>
        <translation>&amp;Über AIME</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Search collection</source>
        <translation>Sammlung durchsuchen</translation>
    </message>
    <message>
        <source>Search title, artist, label, genre, track (Ctrl+F; Ctrl+Enter searches online)</source>
        <translation>Titel, Künstler, Label, Genre, Stück suchen (Strg+F; Strg+Eingabe sucht online)</translation>
    </message>
    <message>
        <source>Sort by </source>
        <translation>Sortieren nach </translation>
    </message>
    <message>
        <source>Sort albums by</source>
        <translation>Alben sortieren nach</translation>
    </message>
    <message>
        <source>AIME cannot open your collection.

%1</source>
        <translation>AIME kann Ihre Sammlung nicht öffnen.

%1</translation>
    </message>
    <message>
        <source>1 album</source>
        <translation>1 Album</translation>
    </message>
    <message>
        <source>%1 albums</source>
        <translation>%1 Alben</translation>
    </message>
    <message>
        <source>No album matches “%1”</source>
        <translation>Kein Album passt zu „%1“</translation>
    </message>
    <message>
        <source>1 album matches</source>
        <translation>1 Album passt</translation>
    </message>
    <message>
        <source>%1 albums match</source>
        <translation>%1 Alben passen</translation>
    </message>
    <message>
        <source>Import a Discogs collection export</source>
        <translation>Discogs-Sammlungsexport importieren</translation>
    </message>
    <message>
        <source>Discogs CSV export (*.csv);;All files (*)</source>
        <translation>Discogs-CSV-Export (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>the sample collection</source>
        <translation>Beispielsammlung</translation>
    </message>
    <message>
        <source>The collection is not open; nothing can be imported.</source>
        <translation>Die Sammlung ist nicht geöffnet; es kann nichts importiert werden.</translation>
    </message>
    <message>
        <source>An import is already running; wait for it or cancel it.</source>
        <translation>Es läuft bereits ein Import; warten Sie, bis er fertig ist, oder brechen Sie ihn ab.</translation>
    </message>
    <message>
        <source>Import of %1</source>
        <translation>Import: %1</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>Finished importing %1. %2</source>
        <translation>Import abgeschlossen: %1. %2</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Export collection</source>
        <translation>Sammlung exportieren</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Export nach %1…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n album(s) to %1</source>
        <translation>
            <numerusform>%n Album nach %1 exportiert</numerusform>
            <numerusform>%n Alben nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>About AIME</source>
        <translation>Über AIME</translation>
    </message>
    <message>
        <source>Stopping the imports; they go on at the next start…</source>
        <translation>Die Importe werden angehalten; sie werden beim nächsten Start fortgesetzt…</translation>
    </message>
    <message>
        <source>AIME &amp;Help</source>
        <translation>AIME-&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Open the Import menu</source>
        <translation>Menü „Importieren“ öffnen</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>&lt;h3&gt;AIME %1&lt;/h3&gt;&lt;p&gt;Your music album collection as a wall of covers.&lt;/p&gt;&lt;p&gt;Free software under the %2.&lt;/p&gt;&lt;p&gt;Data folder: %3&lt;/p&gt;&lt;p&gt;Covers and data come from %4, %5, %6 and the %7.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AIME %1&lt;/h3&gt;&lt;p&gt;Ihre Musikalben als Wand aus Covern.&lt;/p&gt;&lt;p&gt;Freie Software unter der %2.&lt;/p&gt;&lt;p&gt;Datenordner: %3&lt;/p&gt;&lt;p&gt;Cover und Daten stammen von %4, %5, %6 und dem %7.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>GNU General Public License, version 3 or later</source>
        <translation>GNU General Public License, Version 3 oder neuer</translation>
    </message>
    <message>
        <source>Cover Art Archive</source>
        <translation>Cover Art Archive</translation>
    </message>
    <message>
        <source>AIME opens Discogs CSV exports; %1 is not one.</source>
        <translation>AIME öffnet Discogs-CSV-Exporte; %1 ist keiner.</translation>
    </message>
    <message>
        <source>One import at a time: importing %1; open the others when it has finished.</source>
        <translation>Ein Import nach dem anderen: %1 wird importiert; öffnen Sie die anderen, wenn er fertig ist.</translation>
    </message>
    <message>
        <source>Opening the collection…</source>
        <translation>Die Sammlung wird geöffnet…</translation>
    </message>
</context>
<context>
    <name>aime::MemorySecretBackend</name>
    <message>
        <source>memory, for this run only</source>
        <translation>im Arbeitsspeicher, nur für diese Sitzung</translation>
    </message>
    <message>
        <source>No keychain service is running.</source>
        <translation>Es läuft kein Schlüsselbunddienst.</translation>
    </message>
</context>
<context>
    <name>aime::MusicBrainzClient</name>
    <message>
        <source>The Cover Art Archive sent something that is not an image.</source>
        <translation>Das Cover Art Archive hat etwas gesendet, das kein Bild ist.</translation>
    </message>
</context>
<context>
    <name>aime::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Accounts</source>
        <translation>K&amp;onten</translation>
    </message>
    <message>
        <source>&amp;Imports</source>
        <translation>&amp;Importe</translation>
    </message>
    <message>
        <source>&amp;Search Online</source>
        <translation>On&amp;line-Suche</translation>
    </message>
    <message>
        <source>A&amp;I</source>
        <translation>&amp;KI</translation>
    </message>
    <message>
        <source>A&amp;dvanced</source>
        <translation>&amp;Erweitert</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Nicht verbunden: %1</translation>
    </message>
    <message>
        <source>Not verified: %1</source>
        <translation>Nicht überprüft: %1</translation>
    </message>
    <message>
        <source>Preferred providers, first to last</source>
        <translation>Bevorzugte Anbieter, vom ersten bis zum letzten</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach o&amp;ben</translation>
    </message>
    <message>
        <source>Move d&amp;own</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Preferred providers</source>
        <translation>Bevorzugte Anbieter</translation>
    </message>
    <message>
        <source>An album that several providers know is listed once, with the preferred provider first; Add to collection takes its details from that provider.</source>
        <translation>Ein Album, das mehrere Anbieter kennen, wird einmal aufgeführt, mit dem bevorzugten Anbieter zuerst; „Zur Sammlung hinzufügen“ übernimmt die Details von diesem Anbieter.</translation>
    </message>
    <message>
        <source>Waiting (milliseconds)</source>
        <translation>Wartezeit (Millisekunden)</translation>
    </message>
    <message>
        <source>Each online provider:</source>
        <translation>Jeder Online-Anbieter:</translation>
    </message>
    <message>
        <source>Your collection:</source>
        <translation>Ihre Sammlung:</translation>
    </message>
    <message>
        <source>The whole search:</source>
        <translation>Die gesamte Suche:</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <source>A provider that has not answered in time is shown as timed out; the others&apos; results stand. Waiting times take effect the next time AIME starts.</source>
        <translation>Ein Anbieter, der nicht rechtzeitig geantwortet hat, wird mit Zeitüberschreitung angezeigt; die Ergebnisse der anderen bleiben bestehen. Wartezeiten werden beim nächsten Start von AIME wirksam.</translation>
    </message>
    <message>
        <source>%1 (Ollama on this computer, the default)</source>
        <translation>%1 (Ollama auf diesem Computer, Standard)</translation>
    </message>
    <message>
        <source>the endpoint&apos;s first model</source>
        <translation>das erste Modell des Endpunkts</translation>
    </message>
    <message>
        <source>Set by AIME_LLM_MODEL in the environment</source>
        <translation>Durch AIME_LLM_MODEL in der Umgebung festgelegt</translation>
    </message>
    <message>
        <source>&amp;List models</source>
        <translation>Modelle &amp;auflisten</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <source>from the environment (AIME_LLM_API_KEY)</source>
        <translation>aus der Umgebung (AIME_LLM_API_KEY)</translation>
    </message>
    <message>
        <source>kept in %1</source>
        <translation>gespeichert %1</translation>
    </message>
    <message>
        <source>optional: Ollama needs none</source>
        <translation>optional: Ollama braucht keinen</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>End&amp;punkt:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>AIME asks an OpenAI-compatible endpoint for each album&apos;s description: Ollama on this computer by default (&lt;code&gt;ollama serve&lt;/code&gt;, then &lt;code&gt;ollama pull llama3.2&lt;/code&gt;), or llama.cpp&apos;s server, or a hosted service with its key. Only the album&apos;s facts are sent: artist, title, year, label, format, genres, tracks and where AIME knows it from.</source>
        <translation>AIME fragt einen OpenAI-kompatiblen Endpunkt nach der Beschreibung jedes Albums: standardmäßig Ollama auf diesem Computer (&lt;code&gt;ollama serve&lt;/code&gt;, dann &lt;code&gt;ollama pull llama3.2&lt;/code&gt;), den Server von llama.cpp oder einen gehosteten Dienst mit dessen Schlüssel. Gesendet werden nur die Fakten zum Album: Künstler, Titel, Jahr, Label, Format, Genres, Titelliste und woher AIME das Album kennt.</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>%1 wird angefragt…</translation>
    </message>
    <message>
        <source>The endpoint offers no model.</source>
        <translation>Der Endpunkt bietet kein Modell an.</translation>
    </message>
    <message>
        <source>The endpoint answers; it offers 1 model.</source>
        <translation>Der Endpunkt antwortet; er bietet 1 Modell an.</translation>
    </message>
    <message>
        <source>The endpoint answers; it offers %1 models.</source>
        <translation>Der Endpunkt antwortet; er bietet %1 Modelle an.</translation>
    </message>
    <message>
        <source>&amp;Resume interrupted imports when AIME starts</source>
        <translation>Unterbrochene Importe beim Start von AIME &amp;fortsetzen</translation>
    </message>
    <message>
        <source>An import stopped by quitting, a crash or a power cut goes on where it stopped, without fetching again what it stored. Otherwise it waits in the Jobs panel (View &gt; Jobs) for Resume or Retry.</source>
        <translation>Ein Import, der durch Beenden, einen Absturz oder einen Stromausfall angehalten wurde, wird dort fortgesetzt, wo er stehen blieb, ohne bereits Gespeichertes erneut abzurufen. Andernfalls wartet er im Auftragsbereich (Ansicht &gt; Aufträge) auf „Fortsetzen“ oder „Erneut versuchen“.</translation>
    </message>
    <message>
        <source>Covers</source>
        <translation>Cover</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>&amp;Keep at most:</source>
        <translation>&amp;Höchstens behalten:</translation>
    </message>
    <message>
        <source>Each cover is downloaded once and kept in the data folder; beyond this size the least recently seen make room.</source>
        <translation>Jedes Cover wird einmal heruntergeladen und im Datenordner gespeichert; wird diese Größe überschritten, machen die am längsten nicht angezeigten Platz.</translation>
    </message>
    <message>
        <source>Spotify</source>
        <translation>Spotify</translation>
    </message>
    <message>
        <source>32 letters and digits from your Spotify app</source>
        <translation>32 Buchstaben und Ziffern aus Ihrer Spotify-App</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>Ver&amp;gessen</translation>
    </message>
    <message>
        <source>Remove the Client Secret from the keychain.</source>
        <translation>Das Client-Secret aus dem Schlüsselbund entfernen.</translation>
    </message>
    <message>
        <source>1. Create an app at &lt;a href=&quot;https://developer.spotify.com/dashboard&quot;&gt;developer.spotify.com/dashboard&lt;/a&gt;.&lt;br&gt;2. Add the redirect URI &lt;b&gt;http://127.0.0.1/callback&lt;/b&gt; and tick Web API.&lt;br&gt;3. Copy its Client ID here; in development mode, add your account under User Management.</source>
        <translation>1. Erstellen Sie eine App unter &lt;a href=&quot;https://developer.spotify.com/dashboard&quot;&gt;developer.spotify.com/dashboard&lt;/a&gt;.&lt;br&gt;2. Fügen Sie die Redirect-URI &lt;b&gt;http://127.0.0.1/callback&lt;/b&gt; hinzu und wählen Sie Web API aus.&lt;br&gt;3. Kopieren Sie ihre Client-ID hierher; fügen Sie im Entwicklungsmodus Ihr Konto unter User Management hinzu.</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>Client-I&amp;D:</translation>
    </message>
    <message>
        <source>Client &amp;Secret:</source>
        <translation>Client-&amp;Secret:</translation>
    </message>
    <message>
        <source>Copy &amp;address</source>
        <translation>&amp;Adresse kopieren</translation>
    </message>
    <message>
        <source>Copy the Spotify login address, to open it in a browser yourself.</source>
        <translation>Die Spotify-Anmeldeadresse kopieren, um sie selbst in einem Browser zu öffnen.</translation>
    </message>
    <message>
        <source>Address copied; open it in your browser.</source>
        <translation>Adresse kopiert; öffnen Sie sie in Ihrem Browser.</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Discogs</source>
        <translation>Discogs</translation>
    </message>
    <message>
        <source>your Discogs user name</source>
        <translation>Ihr Discogs-Benutzername</translation>
    </message>
    <message>
        <source>Generate a personal access token at &lt;a href=&quot;https://www.discogs.com/settings/developers&quot;&gt;discogs.com/settings/developers&lt;/a&gt;.</source>
        <translation>Erzeugen Sie ein persönliches Zugriffstoken unter &lt;a href=&quot;https://www.discogs.com/settings/developers&quot;&gt;discogs.com/settings/developers&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>MusicBrainz</source>
        <translation>MusicBrainz</translation>
    </message>
    <message>
        <source>you@example.org</source>
        <translation>name@example.org</translation>
    </message>
    <message>
        <source>No account needed. MusicBrainz asks for a contact address in every request, in case it needs to reach you.</source>
        <translation>Kein Konto nötig. MusicBrainz verlangt bei jeder Anfrage eine Kontaktadresse, falls es Sie erreichen muss.</translation>
    </message>
    <message>
        <source>Contact &amp;e-mail:</source>
        <translation>Kontakt-E-&amp;Mail:</translation>
    </message>
    <message>
        <source>Environment variable %1.</source>
        <translation>Umgebungsvariable %1.</translation>
    </message>
    <message>
        <source>It is set to %1 and wins over this field.</source>
        <translation>Sie ist auf %1 gesetzt und hat Vorrang vor diesem Feld.</translation>
    </message>
    <message>
        <source>%1 (from the environment)</source>
        <translation>%1 (aus der Umgebung)</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>Spotify Web API:</source>
        <translation>Spotify Web API:</translation>
    </message>
    <message>
        <source>Spotify accounts:</source>
        <translation>Spotify-Kontodienst:</translation>
    </message>
    <message>
        <source>Discogs API:</source>
        <translation>Discogs API:</translation>
    </message>
    <message>
        <source>MusicBrainz:</source>
        <translation>MusicBrainz:</translation>
    </message>
    <message>
        <source>Cover Art Archive:</source>
        <translation>Cover Art Archive:</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Begrenzungen</translation>
    </message>
    <message>
        <source>Requests per time (N/seconds)</source>
        <translation>Anfragen pro Zeit (N/Sekunden)</translation>
    </message>
    <message>
        <source>At once</source>
        <translation>Gleichzeitig</translation>
    </message>
    <message>
        <source>%1/%2 (default)</source>
        <translation>%1/%2 (Standard)</translation>
    </message>
    <message>
        <source>paced by the provider (default)</source>
        <translation>vom Anbieter vorgegeben (Standard)</translation>
    </message>
    <message>
        <source>AI endpoint</source>
        <translation>KI-Endpunkt</translation>
    </message>
    <message>
        <source>Where AIME reaches each provider, and how fast. Leave a field empty for the default. Plain http is accepted only for 127.0.0.1 and other loopback addresses. Environment variables of the same names (shown in each field&apos;s tooltip) win over these. Changes take effect the next time AIME starts.</source>
        <translation>Wo AIME die einzelnen Anbieter erreicht und wie schnell. Lassen Sie ein Feld für den Standardwert leer. Unverschlüsseltes http wird nur für 127.0.0.1 und andere Loopback-Adressen akzeptiert. Gleichnamige Umgebungsvariablen (im Tooltip jedes Felds angezeigt) haben Vorrang. Änderungen werden beim nächsten Start von AIME wirksam.</translation>
    </message>
    <message>
        <source>optional: search without connecting</source>
        <translation>optional: Suche ohne Verbindung</translation>
    </message>
    <message>
        <source>Waiting for the browser…</source>
        <translation>Warten auf den Browser…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Connected as %1</source>
        <translation>Verbunden als %1</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>Tre&amp;nnen</translation>
    </message>
    <message>
        <source>Not connected; search works with the Client Secret</source>
        <translation>Nicht verbunden; die Suche funktioniert mit dem Client-Secret</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Verbinden…</translation>
    </message>
    <message>
        <source>Checking the token…</source>
        <translation>Token wird geprüft…</translation>
    </message>
    <message>
        <source>Using AIME_DISCOGS_TOKEN for %1 from the environment (not stored)</source>
        <translation>AIME_DISCOGS_TOKEN für %1 aus der Umgebung wird verwendet (nicht gespeichert)</translation>
    </message>
    <message>
        <source>Dis&amp;connect</source>
        <translation>T&amp;rennen</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>personal access token</source>
        <translation>persönliches Zugriffstoken</translation>
    </message>
    <message>
        <source>Tokens and secrets are kept in %1, never in AIME&apos;s settings.</source>
        <translation>Tokens und Geheimnisse werden %1 gespeichert, nie in den Einstellungen von AIME.</translation>
    </message>
    <message>
        <source>No browser opened: copy the address and open it yourself.</source>
        <translation>Es wurde kein Browser geöffnet: Kopieren Sie die Adresse und öffnen Sie sie selbst.</translation>
    </message>
    <message>
        <source>No keychain</source>
        <translation>Kein Schlüsselbund</translation>
    </message>
    <message>
        <source>AIME keeps tokens in the system keychain, but no keychain service is running (%1).

Keep them in memory until AIME quits? You will need to connect again next time.</source>
        <translation>AIME speichert Tokens im Schlüsselbund des Systems, aber es läuft kein Schlüsselbunddienst (%1).

Sollen sie bis zum Beenden von AIME im Arbeitsspeicher gehalten werden? Beim nächsten Mal müssen Sie sich erneut verbinden.</translation>
    </message>
    <message>
        <source>Search Online page, %1</source>
        <translation>Seite „Online-Suche“, %1</translation>
    </message>
    <message>
        <source>%1, requests per time</source>
        <translation>%1, Anfragen pro Zeit</translation>
    </message>
    <message>
        <source>%1, requests at once</source>
        <translation>%1, gleichzeitige Anfragen</translation>
    </message>
</context>
<context>
    <name>aime::ProviderClient</name>
    <message>
        <source>%1 says: %2</source>
        <translation>%1 meldet: %2</translation>
    </message>
</context>
<context>
    <name>aime::ProviderConfig</name>
    <message>
        <source>The AI endpoint</source>
        <translation>Der KI-Endpunkt</translation>
    </message>
    <message>
        <source>%1=&quot;%2&quot; is not N/S (requests per seconds); the default is used</source>
        <translation>%1=&quot;%2&quot; hat nicht die Form N/S (Anfragen pro Sekunden); der Standardwert wird verwendet</translation>
    </message>
    <message>
        <source>%1=&quot;%2&quot; is not a number from 1 to 64; the default is used</source>
        <translation>%1=&quot;%2&quot; ist keine Zahl von 1 bis 64; der Standardwert wird verwendet</translation>
    </message>
    <message>
        <source>%1=&quot;%2&quot; is not a number of milliseconds from 100 to 3600000; the default is used</source>
        <translation>%1=&quot;%2&quot; ist keine Anzahl Millisekunden von 100 bis 3600000; der Standardwert wird verwendet</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a URL with a host</source>
        <translation>„%1“ ist keine URL mit einem Host</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must start with https://</source>
        <translation>„%1“ muss mit https:// beginnen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; uses plain http to another machine; use https (plain http is accepted only for 127.0.0.1, ::1 and localhost)</source>
        <translation>„%1“ verwendet unverschlüsseltes http zu einem anderen Computer; verwenden Sie https (unverschlüsseltes http wird nur für 127.0.0.1, ::1 und localhost akzeptiert)</translation>
    </message>
</context>
<context>
    <name>aime::ProviderGate</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>%1 refused the credentials; reconnect the account.</source>
        <translation>%1 hat die Zugangsdaten abgelehnt; verbinden Sie das Konto erneut.</translation>
    </message>
    <message>
        <source>%1 gave no complete answer within %2 s.</source>
        <translation>%1 hat innerhalb von %2 s keine vollständige Antwort gegeben.</translation>
    </message>
    <message>
        <source>%1 is still rate limiting after %2 tries.</source>
        <translation>%1 begrenzt die Anfragen nach %2 Versuchen noch immer.</translation>
    </message>
    <message>
        <source>%1 cut its answer short (tried %2 times).</source>
        <translation>%1 hat die Antwort vorzeitig abgebrochen (%2 Versuche).</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 (tried %3 times).</source>
        <translation>%1 antwortete mit HTTP %2 (%3 Versuche).</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2 (tried %3 times).</source>
        <translation>%1 ist nicht erreichbar: %2 (%3 Versuche).</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2.</source>
        <translation>%1 antwortete mit HTTP %2.</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>%1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>%1 redirected to an unencrypted address (%2); AIME does not follow it.</source>
        <translation>%1 hat auf eine unverschlüsselte Adresse (%2) weitergeleitet; AIME folgt dieser Weiterleitung nicht.</translation>
    </message>
    <message>
        <source>%1 redirected to %2, another site; AIME does not follow it.</source>
        <translation>%1 hat auf eine andere Website (%2) weitergeleitet; AIME folgt dieser Weiterleitung nicht.</translation>
    </message>
    <message>
        <source>%1 redirected a request to %2, another site; AIME does not follow it.</source>
        <translation>%1 hat eine Anfrage auf eine andere Website (%2) weitergeleitet; AIME folgt dieser Weiterleitung nicht.</translation>
    </message>
    <message>
        <source>%1 redirected too many times; AIME gave up.</source>
        <translation>%1 hat zu oft weitergeleitet; AIME hat aufgegeben.</translation>
    </message>
    <message>
        <source>%1 redirected to an unencrypted address; AIME does not follow it.</source>
        <translation>%1 hat auf eine unverschlüsselte Adresse weitergeleitet; AIME folgt dieser Weiterleitung nicht.</translation>
    </message>
    <message>
        <source>Cannot follow the redirect from %1: %2</source>
        <translation>Der Weiterleitung von %1 kann nicht gefolgt werden: %2</translation>
    </message>
</context>
<context>
    <name>aime::SchemaMigrator</name>
    <message>
        <source>Cannot read the collection database %1: %2</source>
        <translation>Die Sammlungsdatenbank %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The collection database %1 is not an SQLite database or is damaged. AIME left it untouched; move it away or restore a backup.</source>
        <translation>Die Sammlungsdatenbank %1 ist keine SQLite-Datenbank oder ist beschädigt. AIME hat sie nicht verändert; verschieben Sie sie an einen anderen Ort oder stellen Sie eine Sicherung wieder her.</translation>
    </message>
    <message>
        <source>The collection database %1 cannot be read (%2). AIME left it untouched; move it away or restore a backup.</source>
        <translation>Die Sammlungsdatenbank %1 kann nicht gelesen werden (%2). AIME hat sie nicht verändert; verschieben Sie sie an einen anderen Ort oder stellen Sie eine Sicherung wieder her.</translation>
    </message>
    <message>
        <source>%1 is an SQLite database but not an AIME collection. AIME left it untouched.</source>
        <translation>%1 ist eine SQLite-Datenbank, aber keine AIME-Sammlung. AIME hat sie nicht verändert.</translation>
    </message>
    <message>
        <source>The collection database %1 has no schema version (%2).</source>
        <translation>Die Sammlungsdatenbank %1 hat keine Schemaversion (%2).</translation>
    </message>
    <message>
        <source>The collection database %1 was written by a newer AIME (schema %2; this AIME knows up to %3). Update AIME to open it; it was left untouched.</source>
        <translation>Die Sammlungsdatenbank %1 wurde von einem neueren AIME geschrieben (Schema %2; dieses AIME kennt Schemas bis %3). Aktualisieren Sie AIME, um sie zu öffnen; sie wurde nicht verändert.</translation>
    </message>
    <message>
        <source>Cannot start a transaction: %1</source>
        <translation>Eine Transaktion kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Migration to schema %1 failed: %2 (%3)</source>
        <translation>Die Migration auf Schema %1 ist fehlgeschlagen: %2 (%3)</translation>
    </message>
    <message>
        <source>Cannot record schema %1: %2</source>
        <translation>Schema %1 kann nicht eingetragen werden: %2</translation>
    </message>
</context>
<context>
    <name>aime::ScopedTransaction</name>
    <message>
        <source>another program kept the collection busy for too long (%1)</source>
        <translation>ein anderes Programm hat die Sammlung zu lange belegt (%1)</translation>
    </message>
</context>
<context>
    <name>aime::SearchPanel</name>
    <message>
        <source>&amp;Add to collection</source>
        <translation>Zur Sammlung &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Open page</source>
        <translation>&amp;Seite öffnen</translation>
    </message>
    <message>
        <source>Search online</source>
        <translation>Online-Suche</translation>
    </message>
    <message>
        <source>Search Spotify, Discogs, MusicBrainz and your collection</source>
        <translation>Spotify, Discogs, MusicBrainz und Ihre Sammlung durchsuchen</translation>
    </message>
    <message>
        <source>Online search results</source>
        <translation>Ergebnisse der Online-Suche</translation>
    </message>
    <message>
        <source>Import the selected album with its tracks (Enter)</source>
        <translation>Das ausgewählte Album mit seinen Titeln importieren (Eingabe)</translation>
    </message>
    <message>
        <source>Open the album&apos;s page at its provider</source>
        <translation>Die Seite des Albums beim Anbieter öffnen</translation>
    </message>
    <message>
        <source>Added to your collection.</source>
        <translation>Zu Ihrer Sammlung hinzugefügt.</translation>
    </message>
    <message>
        <source>Adding “%1” to your collection…</source>
        <translation>„%1“ wird zu Ihrer Sammlung hinzugefügt…</translation>
    </message>
    <message>
        <source>In collection</source>
        <translation>In der Sammlung</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>Wird hinzugefügt…</translation>
    </message>
    <message>
        <source>Type what you are looking for; Enter searches at once.</source>
        <translation>Geben Sie ein, wonach Sie suchen; die Eingabetaste sucht sofort.</translation>
    </message>
    <message>
        <source>1 album</source>
        <translation>1 Album</translation>
    </message>
    <message>
        <source>%1 albums</source>
        <translation>%1 Alben</translation>
    </message>
    <message>
        <source>%1 found.</source>
        <translation>%1 gefunden.</translation>
    </message>
    <message>
        <source>%1 so far; waiting for 1 provider…</source>
        <translation>Bisher %1; warten auf 1 Anbieter…</translation>
    </message>
    <message>
        <source>%1 so far; waiting for %2 providers…</source>
        <translation>Bisher %1; warten auf %2 Anbieter…</translation>
    </message>
</context>
<context>
    <name>aime::SearchResultModel</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Interrupted; it goes on when the import is resumed.</source>
        <translation>Unterbrochen; es geht weiter, wenn der Import fortgesetzt wird.</translation>
    </message>
    <message>
        <source>The album was stored but is not found again.</source>
        <translation>Das Album wurde gespeichert, wird aber nicht wiedergefunden.</translation>
    </message>
    <message>
        <source>Select an album first.</source>
        <translation>Wählen Sie zuerst ein Album aus.</translation>
    </message>
    <message>
        <source>It is already in your collection.</source>
        <translation>Es ist bereits in Ihrer Sammlung.</translation>
    </message>
    <message>
        <source>It is being added.</source>
        <translation>Es wird gerade hinzugefügt.</translation>
    </message>
    <message>
        <source>Adding albums is not available here.</source>
        <translation>Das Hinzufügen von Alben ist hier nicht verfügbar.</translation>
    </message>
    <message>
        <source>No provider gives the details of this album.</source>
        <translation>Kein Anbieter liefert die Details dieses Albums.</translation>
    </message>
    <message>
        <source>1 result</source>
        <translation>1 Ergebnis</translation>
    </message>
    <message>
        <source>%1 results</source>
        <translation>%1 Ergebnisse</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>searching… %1 so far</source>
        <translation>Suche läuft… bisher %1</translation>
    </message>
    <message>
        <source>no results</source>
        <translation>keine Ergebnisse</translation>
    </message>
    <message>
        <source>timed out after %1 s</source>
        <translation>Zeitüberschreitung nach %1 s</translation>
    </message>
    <message>
        <source>timed out after %1 s, %2</source>
        <translation>Zeitüberschreitung nach %1 s, %2</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>nicht eingerichtet</translation>
    </message>
    <message>
        <source>%1 (%2 listed with another provider)</source>
        <translation>%1 (%2 bei einem anderen Anbieter aufgeführt)</translation>
    </message>
    <message>
        <source>In collection</source>
        <translation>In der Sammlung</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>Wird hinzugefügt…</translation>
    </message>
    <message>
        <source>Not added</source>
        <translation>Nicht hinzugefügt</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Found on: %1</source>
        <translation>Gefunden bei: %1</translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation>Nicht hinzugefügt: %1</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Artist</source>
        <translation>Künstler</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>Gefunden bei</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>aime::SearchSession</name>
    <message>
        <source>The search gave up after %1 s.</source>
        <translation>Die Suche wurde nach %1 s aufgegeben.</translation>
    </message>
    <message>
        <source>No collection is open.</source>
        <translation>Es ist keine Sammlung geöffnet.</translation>
    </message>
    <message>
        <source>Your collection gave no answer within %1 s.</source>
        <translation>Ihre Sammlung hat innerhalb von %1 s nicht geantwortet.</translation>
    </message>
    <message>
        <source>Connect Spotify, or give its Client ID and Client Secret, in Preferences &gt; Accounts.</source>
        <translation>Verbinden Sie Spotify oder geben Sie unter Einstellungen &gt; Konten die Client-ID und das Client-Secret an.</translation>
    </message>
    <message>
        <source>Discogs searches only with a personal access token: add yours in Preferences &gt; Accounts.</source>
        <translation>Discogs sucht nur mit einem persönlichen Zugriffstoken: Tragen Sie Ihres unter Einstellungen &gt; Konten ein.</translation>
    </message>
    <message>
        <source>MusicBrainz is not available.</source>
        <translation>MusicBrainz ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>AIME does not know the provider &quot;%1&quot;.</source>
        <translation>AIME kennt den Anbieter „%1“ nicht.</translation>
    </message>
    <message>
        <source>%1 gave no answer within %2 s.</source>
        <translation>%1 hat innerhalb von %2 s nicht geantwortet.</translation>
    </message>
    <message>
        <source>Some results are missing: %1</source>
        <translation>Einige Ergebnisse fehlen: %1</translation>
    </message>
</context>
<context>
    <name>aime::SearchSettings</name>
    <message>
        <source>%1=%2 is not a number of milliseconds; using %3 ms.</source>
        <translation>%1=%2 ist keine Anzahl Millisekunden; es werden %3 ms verwendet.</translation>
    </message>
</context>
<context>
    <name>aime::SingleAlbumImport</name>
    <message>
        <source>album details</source>
        <translation>Albumdetails</translation>
    </message>
    <message>
        <source>The search result names no album to fetch.</source>
        <translation>Das Suchergebnis nennt kein abzurufendes Album.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Discogs release id.</source>
        <translation>„%1“ ist keine Discogs-Veröffentlichungs-ID.</translation>
    </message>
    <message>
        <source>AIME cannot add albums from &quot;%1&quot;.</source>
        <translation>AIME kann keine Alben von „%1“ hinzufügen.</translation>
    </message>
</context>
<context>
    <name>aime::SingleInstance</name>
    <message>
        <source>Cannot make sure only one AIME uses this data folder: %1</source>
        <translation>Es kann nicht sichergestellt werden, dass nur ein AIME diesen Datenordner verwendet: %1</translation>
    </message>
</context>
<context>
    <name>aime::SpotifyClient</name>
    <message>
        <source>Spotify accounts</source>
        <translation>Der Spotify-Kontodienst</translation>
    </message>
    <message>
        <source>Connect your Spotify account in Preferences &gt; Accounts first.</source>
        <translation>Verbinden Sie zuerst Ihr Spotify-Konto unter Einstellungen &gt; Konten.</translation>
    </message>
    <message>
        <source>Spotify needs a connected account, or a Client ID with its Client Secret (Preferences &gt; Accounts).</source>
        <translation>Spotify benötigt ein verbundenes Konto oder eine Client-ID mit dem zugehörigen Client-Secret (Einstellungen &gt; Konten).</translation>
    </message>
    <message>
        <source>Spotify named a tracks page outside its API: %1</source>
        <translation>Spotify hat eine Titelseite außerhalb seiner API angegeben: %1</translation>
    </message>
    <message>
        <source>Spotify&apos;s session ended.</source>
        <translation>Die Spotify-Sitzung ist abgelaufen.</translation>
    </message>
    <message>
        <source>Spotify&apos;s session ended: connect the account again in Preferences &gt; Accounts.</source>
        <translation>Die Spotify-Sitzung ist abgelaufen: Verbinden Sie das Konto erneut unter Einstellungen &gt; Konten.</translation>
    </message>
    <message>
        <source>Spotify no longer accepts AIME&apos;s connection: connect the account again in Preferences &gt; Accounts. (%1)</source>
        <translation>Spotify akzeptiert die Verbindung von AIME nicht mehr: Verbinden Sie das Konto erneut unter Einstellungen &gt; Konten. (%1)</translation>
    </message>
    <message>
        <source>Cannot renew the Spotify session: %1</source>
        <translation>Die Spotify-Sitzung kann nicht erneuert werden: %1</translation>
    </message>
    <message>
        <source>Spotify refused the Client ID and Secret: %1</source>
        <translation>Spotify hat Client-ID und Client-Secret abgelehnt: %1</translation>
    </message>
    <message>
        <source>Spotify refused this account: in development mode the app owner must add it under User Management in the Spotify Developer Dashboard.</source>
        <translation>Spotify hat dieses Konto abgelehnt: Im Entwicklungsmodus muss der Eigentümer der App es im Spotify Developer Dashboard unter User Management hinzufügen.</translation>
    </message>
</context>
<context>
    <name>aime::SpotifyLogin</name>
    <message>
        <source>No answer from the browser within %1 minutes; the Spotify login was stopped.</source>
        <translation>Keine Antwort vom Browser innerhalb von %1 Minuten; die Spotify-Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Enter your Spotify Client ID first (Preferences &gt; Accounts).</source>
        <translation>Geben Sie zuerst Ihre Spotify-Client-ID ein (Einstellungen &gt; Konten).</translation>
    </message>
    <message>
        <source>This login has already started.</source>
        <translation>Diese Anmeldung läuft bereits.</translation>
    </message>
    <message>
        <source>Cannot listen on 127.0.0.1 for Spotify&apos;s answer; is the loopback interface up?</source>
        <translation>Auf 127.0.0.1 kann nicht auf die Antwort von Spotify gewartet werden; ist die Loopback-Schnittstelle aktiv?</translation>
    </message>
    <message>
        <source>A redirect without this login&apos;s state was refused.</source>
        <translation>Eine Weiterleitung ohne den state-Wert dieser Anmeldung wurde abgewiesen.</translation>
    </message>
    <message>
        <source>The Spotify login was declined in the browser.</source>
        <translation>Die Spotify-Anmeldung wurde im Browser abgelehnt.</translation>
    </message>
    <message>
        <source>Spotify refused the login (%1).</source>
        <translation>Spotify hat die Anmeldung abgelehnt (%1).</translation>
    </message>
    <message>
        <source>Spotify&apos;s answer held neither a code nor an error.</source>
        <translation>Die Antwort von Spotify enthielt weder einen Code noch einen Fehler.</translation>
    </message>
    <message>
        <source>Spotify refused the login: %1</source>
        <translation>Spotify hat die Anmeldung abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>aime::SpotifySavedAlbumsImport</name>
    <message>
        <source>saved albums</source>
        <translation>gespeicherte Alben</translation>
    </message>
    <message>
        <source>Connect your Spotify account in Preferences &gt; Accounts first.</source>
        <translation>Verbinden Sie zuerst Ihr Spotify-Konto unter Einstellungen &gt; Konten.</translation>
    </message>
</context>
<context>
    <name>aime::TracklistNotice</name>
    <message>
        <source>&amp;Fetch from Discogs</source>
        <translation>Von Discogs ab&amp;rufen</translation>
    </message>
    <message>
        <source>Fetch this release&apos;s details (tracklist, barcode, genres) from Discogs</source>
        <translation>Die Details dieser Veröffentlichung (Titelliste, Barcode, Genres) von Discogs abrufen</translation>
    </message>
    <message>
        <source>No tracklist yet: the Discogs import that is running brings it with the release details.</source>
        <translation>Noch keine Titelliste: Der laufende Discogs-Import liefert sie mit den Veröffentlichungsdetails.</translation>
    </message>
    <message>
        <source>Fetching the tracklist from Discogs…</source>
        <translation>Die Titelliste wird von Discogs abgerufen…</translation>
    </message>
    <message>
        <source>No tracklist yet: this release&apos;s details have not been fetched from Discogs.</source>
        <translation>Noch keine Titelliste: Die Details dieser Veröffentlichung wurden noch nicht von Discogs abgerufen.</translation>
    </message>
    <message>
        <source>No tracklist yet: this release&apos;s details have not been fetched from Discogs (Import &gt; Discogs collection… fetches them).</source>
        <translation>Noch keine Titelliste: Die Details dieser Veröffentlichung wurden noch nicht von Discogs abgerufen (Importieren &gt; Discogs-Sammlung… ruft sie ab).</translation>
    </message>
    <message>
        <source>No tracklist: the file this album came from lists none, and it names no Discogs release to ask.</source>
        <translation>Keine Titelliste: Die Datei, aus der dieses Album stammt, enthält keine, und sie nennt keine Discogs-Veröffentlichung, die abgefragt werden könnte.</translation>
    </message>
    <message>
        <source>No tracklist is known for this album.</source>
        <translation>Für dieses Album ist keine Titelliste bekannt.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>AIME keeps your music album collection.</source>
        <translation>AIME verwaltet Ihre Sammlung von Musikalben.</translation>
    </message>
    <message>
        <source>Keep the collection in &lt;dir&gt; (or set AIME_DATA_DIR).</source>
        <translation>Die Sammlung in &lt;dir&gt; speichern (oder AIME_DATA_DIR setzen).</translation>
    </message>
    <message>
        <source>Discogs CSV exports to import.</source>
        <translation>Zu importierende Discogs-CSV-Exporte.</translation>
    </message>
</context>
</TS>
