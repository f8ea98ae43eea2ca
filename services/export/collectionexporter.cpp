#include "export/collectionexporter.h"

#include "export/albumjson.h"
#include "export/discogscsvwriter.h"
#include "store/albumstore.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

namespace aime {

namespace {

// Default Discogs collection fields first, so a plain export looks like Discogs' own. Keys that
// the importers keep for themselves (the original artist spelling, the API's instance and folder
// ids) are not columns of Discogs' export.
QStringList csvExtraColumns(AlbumStore *store, QString *error)
{
    static const QSet<QString> internalKeys {
        QStringLiteral("Artist"), QStringLiteral("instance_id"), QStringLiteral("folder_id")};
    QStringList columns {QStringLiteral("Collection Media Condition"),
                         QStringLiteral("Collection Sleeve Condition"),
                         QStringLiteral("Collection Notes")};
    QSet<QString> seen(columns.cbegin(), columns.cend());
    store->forEachAlbum(
        [&](const Album &album) {
            for (const SourceRef &source : album.sources) {
                for (auto it = source.extra.begin(); it != source.extra.end(); ++it) {
                    if (!internalKeys.contains(it.key()) && !seen.contains(it.key())) {
                        seen.insert(it.key());
                        columns.append(it.key());
                    }
                }
            }
            return true;
        },
        error);
    return columns;
}

bool writeText(QIODevice *device, const QString &text, ExportReport &report)
{
    if (device->write(text.toUtf8()) >= 0)
        return true;
    report.error
        = QCoreApplication::translate("aime::CollectionExporter", "Cannot write the export: %1")
              .arg(device->errorString());
    return false;
}

} // namespace

std::optional<ExportFormat> CollectionExporter::formatFromName(const QString &name)
{
    if (name.compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0)
        return ExportFormat::Csv;
    if (name.compare(QLatin1String("json"), Qt::CaseInsensitive) == 0)
        return ExportFormat::Json;
    return std::nullopt;
}

ExportReport CollectionExporter::write(AlbumStore *store, QIODevice *device, ExportFormat format,
                                       const std::function<void(int)> &progress)
{
    ExportReport report;
    QString storeError;
    if (format == ExportFormat::Csv) {
        const QStringList extraColumns = csvExtraColumns(store, &storeError);
        if (!storeError.isEmpty()) {
            report.error = storeError;
            return report;
        }
        if (!writeText(device, DiscogsCsvWriter::headerLine(extraColumns), report))
            return report;
        store->forEachAlbum(
            [&](const Album &album) {
                QList<SourceRef> rows;
                for (const SourceRef &source : album.sources) {
                    if (source.provider == QLatin1String("discogs"))
                        rows.append(source);
                }
                if (rows.isEmpty()) {
                    // No Discogs release: one row from what the album came with, release_id empty.
                    SourceRef other = album.sources.isEmpty() ? SourceRef() : album.sources.first();
                    if (!other.addedAt.isValid())
                        other.addedAt = album.addedAt;
                    rows.append(other);
                }
                for (const SourceRef &source : std::as_const(rows)) {
                    if (!writeText(device, DiscogsCsvWriter::rowLine(album, source, extraColumns),
                                   report))
                        return false;
                    ++report.rows;
                }
                ++report.albums;
                if (progress)
                    progress(report.albums);
                return true;
            },
            &storeError);
    } else {
        if (!writeText(device, QStringLiteral("["), report))
            return report;
        store->forEachAlbum(
            [&](const Album &album) {
                const QByteArray object
                    = QJsonDocument(AlbumJson::toJson(album)).toJson(QJsonDocument::Compact);
                const QByteArray separator = report.albums == 0 ? "\n" : ",\n";
                if (device->write(separator + object) < 0) {
                    report.error = QCoreApplication::translate("aime::CollectionExporter",
                                                               "Cannot write the export: %1")
                                       .arg(device->errorString());
                    return false;
                }
                ++report.albums;
                ++report.rows;
                if (progress)
                    progress(report.albums);
                return true;
            },
            &storeError);
        if (report.ok())
            writeText(device, QStringLiteral("\n]\n"), report);
    }
    if (report.ok() && !storeError.isEmpty())
        report.error = storeError;
    return report;
}

ExportReport CollectionExporter::exportTo(AlbumStore *store, const QString &path,
                                          ExportFormat format,
                                          const std::function<void(int)> &progress)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        ExportReport report;
        report.error
            = QCoreApplication::translate("aime::CollectionExporter", "Cannot write %1: %2")
                  .arg(path, file.errorString());
        return report;
    }
    ExportReport report = write(store, &file, format, progress);
    if (!report.ok()) {
        file.cancelWriting();
        return report;
    }
    if (!file.commit())
        report.error = QCoreApplication::translate("aime::CollectionExporter", "Cannot save %1: %2")
                           .arg(path, file.errorString());
    return report;
}

} // namespace aime
