#include "import/discogscsvimport.h"

#include "store/albumstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QLoggingCategory>
#include <QPromise>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcCsvImport, "aime.import.csv", QtInfoMsg)

namespace aime {

QString CsvImportReport::summary() const
{
    if (!fatalError.isEmpty())
        return fatalError;
    const QLocale locale;
    QString text = QCoreApplication::translate("CsvImportReport",
                                               "%1 albums read: %2 added, %3 already present, %4 "
                                               "joined albums you had")
                       .arg(locale.toString(goodRows()), locale.toString(added),
                            locale.toString(alreadyPresent), locale.toString(merged));
    if (!broken.isEmpty()) {
        QStringList lines;
        for (const CsvRowError &error : broken.mid(0, 10))
            lines.append(QString::number(error.line));
        text += QCoreApplication::translate("CsvImportReport",
                                            "; %1 broken rows skipped (line %2%3)")
                    .arg(locale.toString(broken.size()), lines.join(QLatin1String(", ")),
                         broken.size() > 10 ? QStringLiteral(", ...") : QString());
    }
    if (cancelled)
        text += QCoreApplication::translate("CsvImportReport",
                                            "; cancelled before the end of the file");
    return text + u'.';
}

CsvImportReport DiscogsCsvImport::importFile(AlbumStore *store, const QString &path,
                                             const std::function<void(int, int)> &progress,
                                             const std::function<bool()> &cancelled)
{
    CsvImportReport report;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        report.fatalError = QCoreApplication::translate("CsvImportReport", "Cannot read %1: %2")
                                .arg(path, file.errorString());
        return report;
    }
    DiscogsCsvReader reader(&file);
    if (!reader.readHeader()) {
        report.fatalError = QCoreApplication::translate("CsvImportReport",
                                                        "%1 is not a Discogs collection export: %2")
                                .arg(path, reader.errorString());
        return report;
    }
    const qint64 size = qMax<qint64>(1, file.size());
    for (;;) {
        if (cancelled && cancelled()) {
            report.cancelled = true;
            break;
        }
        QList<DiscogsCsvRow> rows;
        const bool more = reader.readBatch(pageSize, &rows, &report.broken);
        if (!rows.isEmpty()) {
            QList<Album> albums;
            albums.reserve(rows.size());
            for (const DiscogsCsvRow &row : std::as_const(rows))
                albums.append(row.album);
            const UpsertResult stored = store->upsertPage(albums);
            if (!stored.ok()) {
                report.fatalError
                    = QCoreApplication::translate("CsvImportReport", "Stopped at line %1: %2")
                          .arg(rows.first().line)
                          .arg(stored.error);
                break;
            }
            report.added += stored.inserted;
            report.alreadyPresent += stored.updated;
            report.merged += stored.merged;
        }
        if (!more)
            break;
        // The reader runs a chunk ahead of the rows it hands out: 1000 is kept for the end.
        if (progress)
            progress(int(qMin<qint64>(999, reader.bytesConsumed() * 1000 / size)),
                     report.goodRows());
    }
    if (progress && report.fatalError.isEmpty() && !report.cancelled)
        progress(1000, report.goodRows());
    for (const CsvRowError &error : std::as_const(report.broken))
        qCDebug(lcCsvImport).noquote()
            << path << "line" << error.line << "skipped:" << error.reason;
    return report;
}

QFuture<CsvImportReport> DiscogsCsvImport::start(QThreadPool *pool, AlbumStore *store,
                                                 const QString &path,
                                                 std::shared_ptr<std::atomic_bool> cancelFlag)
{
    return QtConcurrent::run(pool, [store, path, cancelFlag](QPromise<CsvImportReport> &promise) {
        promise.setProgressRange(0, 1000);
        const QLocale locale;
        CsvImportReport report = importFile(
            store, path,
            [&promise, &locale](int permille, int rows) {
                promise.setProgressValueAndText(
                    permille,
                    QCoreApplication::translate("CsvImportReport", "%1 albums")
                        .arg(locale.toString(rows)));
            },
            [&cancelFlag] { return cancelFlag && cancelFlag->load(); });
        promise.addResult(std::move(report));
    });
}

} // namespace aime
