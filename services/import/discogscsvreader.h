#pragma once

#include "domain/album.h"

#include <QList>
#include <QString>
#include <QStringDecoder>
#include <QStringList>

#include <array>
#include <optional>

class QIODevice;

namespace aime {

struct CsvRowError
{
    int line = 0; // 1-based line where the broken record starts
    QString reason;
};

struct DiscogsCsvRow
{
    int line = 0;
    Album album; // sources holds exactly one SourceRef
};

// Reads a Discogs collection CSV export (PROVIDERS.md 2.9) record by record in 64 KiB chunks, so a
// large collection is never held in memory at once. Columns are found by header name because the
// "Collection ..." columns depend on each user's custom fields.
//
// The device must deliver its data when read (a file or a buffer): a read that returns nothing is
// taken as the end of the input.
class DiscogsCsvReader
{
public:
    explicit DiscogsCsvReader(QIODevice *device);

    bool readHeader();
    QString errorString() const;

    // Reads up to maxRecords records (good or broken); appends to rows/errors; returns false when
    // the input is exhausted and nothing more was read.
    bool readBatch(int maxRecords, QList<DiscogsCsvRow> *rows, QList<CsvRowError> *errors);
    bool atEnd() const;
    qint64 bytesConsumed() const;
    QStringList extraColumns() const;

    // The ten columns every export starts with, in Discogs' order.
    static QStringList standardColumns();
    // "Justice (3)" -> "Justice": Discogs numbers artists that share a name.
    static QString withoutDisambiguation(const QString &artist);

private:
    enum class Column {
        CatalogNumber,
        Artist,
        Title,
        Label,
        Format,
        Rating,
        Released,
        ReleaseId,
        CollectionFolder,
        DateAdded,
    };
    static constexpr int StandardColumnCount = 10;

    struct RawRecord
    {
        int line = 0;
        QStringList fields;
        QList<bool> quoted; // per field: was it written in quotes
        bool unterminated = false;
    };

    bool readChunk();
    bool ensureAvailable();
    void consumeLineBreak(QChar first, QString *keepInto);
    std::optional<RawRecord> parseRecord();
    void fetchNextRecord();

    QString field(const RawRecord &record, Column column) const;
    QString trimmedUnlessQuoted(const RawRecord &record, Column column) const;
    bool toAlbum(const RawRecord &record, Album *album, QString *reason) const;

    QIODevice *m_device = nullptr;
    QStringDecoder m_decoder {QStringDecoder::Utf8};
    QString m_buffer;
    qsizetype m_position = 0;
    bool m_deviceExhausted = false;
    bool m_firstChunk = true;
    int m_line = 1;
    qint64 m_bytesConsumed = 0;

    // One record of lookahead, so atEnd() is exact even when only blank lines remain.
    std::optional<RawRecord> m_pending;

    bool m_headerAttempted = false;
    bool m_headerRead = false;
    QString m_errorString;
    QStringList m_headerNames;
    std::array<qsizetype, StandardColumnCount> m_standardIndex {};
    QList<qsizetype> m_extraIndexes;
    QStringList m_extraColumns;
};

} // namespace aime
