#include "clicommands.h"

#include "cliaccountcommands.h"
#include "cliimportcommands.h"
#include "clisearchcommand.h"
#include "core/datalocation.h"
#include "export/albumjson.h"
#include "export/collectionexporter.h"
#include "export/discogscsvwriter.h"
#include "import/discogscsvimport.h"
#include "store/albumstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

namespace aime {

namespace {

QTextStream &errorStream()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &message, int code = CliCommands::Fatal)
{
    errorStream() << "aime-cli: " << message << Qt::endl;
    return code;
}

// The store --database (or AIME_DATABASE_URL) names, else the data folder's SQLite file.
std::optional<StoreConfig> storeConfigOf(const QCommandLineParser &parser, QString *error)
{
    return DataLocation::store(DataLocation::resolve(parser.value(QStringLiteral("data-dir"))),
                               parser.value(QStringLiteral("database")), error);
}

std::optional<AlbumSort> sortFromName(const QString &name)
{
    if (name.isEmpty() || name == QLatin1String("artist"))
        return AlbumSort::Artist;
    if (name == QLatin1String("title"))
        return AlbumSort::Title;
    if (name == QLatin1String("year"))
        return AlbumSort::Year;
    if (name == QLatin1String("added"))
        return AlbumSort::DateAdded;
    return std::nullopt;
}

// Checked before the store is opened, so a mistyped command creates no data folder.
QString usageError(const QString &command, const QCommandLineParser &parser)
{
    const QString format = parser.value(QStringLiteral("format"));
    if (command == QLatin1String("import")) {
        const QString source = parser.value(QStringLiteral("source"));
        if (source == QLatin1String("discogs")) {
            if (parser.value(QStringLiteral("user")).isEmpty())
                return QStringLiteral("import --source discogs needs --user NAME");
            return {};
        }
        if (source == QLatin1String("spotify"))
            return {};
        if (source != QLatin1String("discogs-csv"))
            return QStringLiteral(
                       "import needs --source discogs-csv, discogs or spotify (got \"%1\")")
                .arg(source);
        if (parser.value(QStringLiteral("file")).isEmpty())
            return QStringLiteral("import needs --file FILE");
    } else if (command == QLatin1String("describe")) {
        const bool album = parser.isSet(QStringLiteral("album"));
        const bool missing = parser.isSet(QStringLiteral("all-missing"));
        if (album == missing)
            return QStringLiteral("describe needs --album ID or --all-missing");
        bool ok = false;
        if (album && parser.value(QStringLiteral("album")).toLongLong(&ok) <= 0)
            return QStringLiteral("describe --album needs an album id (see aime-cli list)");
    } else if (command == QLatin1String("jobs") || command == QLatin1String("resume")) {
        return {};
    } else if (command == QLatin1String("list")) {
        if (!format.isEmpty() && format != QLatin1String("text") && format != QLatin1String("json")
            && format != QLatin1String("csv"))
            return QStringLiteral("--format must be text, json or csv");
        if (!sortFromName(parser.value(QStringLiteral("sort"))))
            return QStringLiteral("--sort must be artist, title, year or added");
    } else if (command == QLatin1String("export")) {
        if (!CollectionExporter::formatFromName(format))
            return QStringLiteral("export needs --format json or csv");
        if (parser.value(QStringLiteral("output")).isEmpty())
            return QStringLiteral("export needs --output FILE (or - for standard output)");
    } else {
        return QStringLiteral("unknown command \"%1\" (see --help)").arg(command);
    }
    return {};
}

int importCommand(AlbumStore &store, const QCommandLineParser &parser)
{
    const QString file = parser.value(QStringLiteral("file"));
    const CsvImportReport report = DiscogsCsvImport::importFile(&store, file);
    for (const CsvRowError &error : report.broken)
        errorStream() << file << ":" << error.line << ": skipped: " << error.reason << Qt::endl;
    if (!report.fatalError.isEmpty())
        return fail(report.fatalError);
    QTextStream(stdout) << report.summary() << Qt::endl;
    return report.broken.isEmpty() ? CliCommands::Ok : CliCommands::Partial;
}

int listCommand(AlbumStore &store, const QCommandLineParser &parser)
{
    const QString format = parser.value(QStringLiteral("format")).isEmpty()
        ? QStringLiteral("text")
        : parser.value(QStringLiteral("format"));
    const auto sort = sortFromName(parser.value(QStringLiteral("sort")));

    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write to standard output"));
    const AlbumQuery query {parser.value(QStringLiteral("query")), *sort};
    static const QStringList csvExtras {QStringLiteral("Collection Media Condition"),
                                        QStringLiteral("Collection Sleeve Condition"),
                                        QStringLiteral("Collection Notes")};
    if (format == QLatin1String("json"))
        out.write("[");
    else if (format == QLatin1String("csv"))
        out.write(DiscogsCsvWriter::headerLine(csvExtras).toUtf8());
    int written = 0;
    PageCursor cursor;
    for (;;) {
        const SummaryPage page = store.summaries(query, cursor, 500);
        if (!page.error.isEmpty())
            return fail(QStringLiteral("cannot read the collection: %1").arg(page.error));
        for (const AlbumSummary &summary : page.rows) {
            if (format == QLatin1String("text")) {
                QString line = QStringLiteral("%1\t%2\t%3")
                                   .arg(summary.id)
                                   .arg(summary.artist, summary.title);
                line += u'\t' + (summary.year > 0 ? QString::number(summary.year) : QString())
                    + u'\t' + summary.format + u'\n';
                out.write(line.toUtf8());
                ++written;
                continue;
            }
            const std::optional<Album> album = store.album(summary.id);
            if (!album)
                continue;
            if (format == QLatin1String("json")) {
                out.write(written == 0 ? "\n" : ",\n");
                out.write(QJsonDocument(AlbumJson::toJson(*album)).toJson(QJsonDocument::Compact));
            } else {
                const SourceRef source
                    = album->sources.isEmpty() ? SourceRef() : album->sources.first();
                out.write(DiscogsCsvWriter::rowLine(*album, source, csvExtras).toUtf8());
            }
            ++written;
        }
        if (page.atEnd)
            break;
        cursor = page.next;
    }
    if (format == QLatin1String("json"))
        out.write(written == 0 ? "]\n" : "\n]\n");
    return CliCommands::Ok;
}

int exportCommand(AlbumStore &store, const QCommandLineParser &parser)
{
    const auto format = CollectionExporter::formatFromName(parser.value(QStringLiteral("format")));
    const QString output = parser.value(QStringLiteral("output"));
    ExportReport report;
    if (output == QLatin1String("-")) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly))
            return fail(QStringLiteral("cannot write to standard output"));
        report = CollectionExporter::write(&store, &out, *format);
    } else {
        report = CollectionExporter::exportTo(&store, output, *format);
        if (report.ok())
            errorStream() << "exported " << report.albums << " albums to " << output << Qt::endl;
    }
    return report.ok() ? CliCommands::Ok : fail(report.error);
}

} // namespace

int CliCommands::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "AIME on the command line.\n\n"
        "Commands:\n"
        "  import --source discogs-csv --file FILE   import a Discogs collection export\n"
        "  import --source discogs --user NAME       import a Discogs collection online\n"
        "  import --source spotify                   import your Spotify saved albums\n"
        "  jobs                                      list the online imports and their state\n"
        "  resume                                    resume interrupted online imports\n"
        "  list [--format text|json|csv] [--query Q] [--sort artist|title|year|added]\n"
        "  export --format json|csv --output FILE    write the whole collection (- = stdout)\n"
        "  login spotify [--client-id ID] [--no-browser] [--print-refresh-token]\n"
        "                                            connect a Spotify account in the browser\n"
        "  login discogs --user NAME                 connect Discogs; the token comes on stdin\n"
        "  logout spotify|discogs                    forget the account's tokens\n"
        "  search QUERY [--providers spotify,discogs,musicbrainz,local] [--format text|json]\n"
        "                                            search online and in the collection\n"
        "  describe --album ID | --all-missing [--model M]\n"
        "                                            AI descriptions from the LLM endpoint"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("import, list, export, jobs, resume, login, logout, search or describe"));
    parser.addPositionalArgument(QStringLiteral("provider"),
                                 QStringLiteral("login, logout: spotify or discogs; search: the "
                                                "words to look for"));
    parser.addOptions({
        {QStringLiteral("data-dir"), QStringLiteral("Collection folder (or AIME_DATA_DIR)."),
         QStringLiteral("dir")},
        {QStringLiteral("database"),
         QStringLiteral("A PostgreSQL database instead of the folder's SQLite file, "
                        "postgresql://user@host/aime (or AIME_DATABASE_URL)."),
         QStringLiteral("url")},
        {QStringLiteral("source"), QStringLiteral("import: discogs-csv, discogs or spotify."),
         QStringLiteral("source")},
        {QStringLiteral("file"), QStringLiteral("import: the file to read."),
         QStringLiteral("file")},
        {QStringLiteral("format"),
         QStringLiteral("list: text, json or csv; export: json or csv; search: text or json."),
         QStringLiteral("format")},
        {QStringLiteral("query"), QStringLiteral("list: only albums matching these words."),
         QStringLiteral("words")},
        {QStringLiteral("sort"), QStringLiteral("list: artist, title, year or added."),
         QStringLiteral("key")},
        {QStringLiteral("output"), QStringLiteral("export: the file to write."),
         QStringLiteral("file")},
        {QStringLiteral("client-id"),
         QStringLiteral("login spotify: the app's Client ID (or AIME_SPOTIFY_CLIENT_ID)."),
         QStringLiteral("id")},
        {QStringLiteral("user"),
         QStringLiteral("login discogs, import --source discogs: the Discogs user name."),
         QStringLiteral("name")},
        {QStringLiteral("providers"),
         QStringLiteral("search: a comma-separated list of spotify, discogs, musicbrainz and "
                        "local (default: all)."),
         QStringLiteral("list")},
        {QStringLiteral("album"), QStringLiteral("describe: the album's id, as list prints it."),
         QStringLiteral("id")},
        {QStringLiteral("all-missing"),
         QStringLiteral("describe: every album without a description, as a resumable job.")},
        {QStringLiteral("model"),
         QStringLiteral("describe: the model (else AIME_LLM_MODEL, else Preferences > AI)."),
         QStringLiteral("model")},
        {QStringLiteral("no-browser"),
         QStringLiteral("login spotify: only print the address, do not open a browser.")},
        {QStringLiteral("print-refresh-token"),
         QStringLiteral("login spotify: print the refresh token once instead of keeping it in "
                        "the keychain (give it back as AIME_SPOTIFY_REFRESH_TOKEN).")},
    });
    if (!parser.parse(arguments))
        return fail(parser.errorText() + QStringLiteral(" (see aime-cli --help)"));
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return Ok;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << "aime-cli " << QCoreApplication::applicationVersion() << Qt::endl;
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(
            QStringLiteral("give a command: import, list, export, jobs, resume, login, logout, "
                           "search or describe "
                           "(see --help)"));
    const QString command = positional.first();
    if (command == QLatin1String("login") || command == QLatin1String("logout")) {
        const QString provider = positional.value(1);
        if (positional.size() != 2
            || (provider != QLatin1String("spotify") && provider != QLatin1String("discogs")))
            return fail(QStringLiteral("%1 needs spotify or discogs").arg(command));
        return CliAccountCommands::run(
            {command, provider, parser.value(QStringLiteral("client-id")),
             parser.value(QStringLiteral("user")), !parser.isSet(QStringLiteral("no-browser")),
             parser.isSet(QStringLiteral("print-refresh-token"))});
    }
    if (command == QLatin1String("search")) {
        const QString query = positional.mid(1).join(u' ');
        const QStringList providers
            = parser.value(QStringLiteral("providers")).split(u',', Qt::SkipEmptyParts);
        const QString usage = CliSearchCommand::usageError(query, providers,
                                                           parser.value(QStringLiteral("format")));
        if (!usage.isEmpty())
            return fail(usage);
        QString storeError;
        const std::optional<StoreConfig> config = storeConfigOf(parser, &storeError);
        if (!config)
            return fail(storeError);
        AlbumStore store(*config);
        const StoreStatus status = store.open();
        if (!status.ok())
            errorStream() << "aime-cli: " << status.message << " (searching online only)"
                          << Qt::endl;
        return CliSearchCommand::run(status.ok() ? &store : nullptr, query, providers,
                                     parser.value(QStringLiteral("format"))
                                         == QLatin1String("json"));
    }
    if (positional.size() != 1)
        return fail(QStringLiteral("%1 takes no further arguments (see --help)").arg(command));
    const QString usage = usageError(command, parser);
    if (!usage.isEmpty())
        return fail(usage);

    QString storeError;
    const std::optional<StoreConfig> config = storeConfigOf(parser, &storeError);
    if (!config)
        return fail(storeError);
    AlbumStore store(*config);
    const StoreStatus status = store.open();
    if (!status.ok())
        return fail(status.message);
    if (command == QLatin1String("import")
        && parser.value(QStringLiteral("source")) == QLatin1String("discogs"))
        return CliImportCommands::importDiscogs(&store, parser.value(QStringLiteral("user")));
    if (command == QLatin1String("import")
        && parser.value(QStringLiteral("source")) == QLatin1String("spotify"))
        return CliImportCommands::importSpotify(&store);
    if (command == QLatin1String("jobs"))
        return CliImportCommands::listJobs(&store);
    if (command == QLatin1String("describe") && parser.isSet(QStringLiteral("album")))
        return CliImportCommands::describeAlbum(&store,
                                                parser.value(QStringLiteral("album")).toLongLong(),
                                                parser.value(QStringLiteral("model")));
    if (command == QLatin1String("describe"))
        return CliImportCommands::describeMissing(&store, parser.value(QStringLiteral("model")));
    if (command == QLatin1String("resume"))
        return CliImportCommands::resume(&store);
    if (command == QLatin1String("import"))
        return importCommand(store, parser);
    if (command == QLatin1String("list"))
        return listCommand(store, parser);
    return exportCommand(store, parser);
}

} // namespace aime
