#include "import/discogscsvreader.h"

#include <QCoreApplication>
#include <QDate>
#include <QIODevice>
#include <QTime>

namespace aime {

namespace {

// Large enough that a big export takes few reads, small enough to keep memory flat.
constexpr qint64 ChunkSize = 64 * 1024;

bool isAsciiDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (c.unicode() < u'0' || c.unicode() > u'9')
            return false;
    }
    return true;
}

// Released is "0" (unknown), a year, or a date such as "1987-05-00" whose day or month may be 00.
void applyReleased(const QString &released, Album *album)
{
    if (released.isEmpty() || released == QLatin1String("0"))
        return;
    const bool startsWithYear
        = released.size() >= 4 && isAsciiDigits(QStringView(released).left(4));
    if (startsWithYear && released.size() == 4) {
        album->year = QStringView(released).toInt();
        return;
    }
    if (startsWithYear && released.at(4) == u'-')
        album->year = QStringView(released).left(4).toInt();
    // Kept as text, including shapes Discogs does not document, so an export gives it back.
    album->releaseDate = released;
}

// Built from its parts so that a time falling into a local daylight-saving gap is not rejected.
QDateTime parseDateAdded(const QString &text)
{
    if (text.size() != 19 || text.at(10) != u' ')
        return {};
    const QDate date = QDate::fromString(text.left(10), QStringLiteral("yyyy-MM-dd"));
    const QTime time = QTime::fromString(text.mid(11), QStringLiteral("HH:mm:ss"));
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

int parseRating(const QString &text)
{
    if (!isAsciiDigits(text))
        return 0;
    const int rating = text.toInt();
    return rating >= 1 && rating <= 5 ? rating : 0;
}

} // namespace

DiscogsCsvReader::DiscogsCsvReader(QIODevice *device) : m_device(device)
{
    m_standardIndex.fill(-1);
}

QStringList DiscogsCsvReader::standardColumns()
{
    return {
        QStringLiteral("Catalog#"),
        QStringLiteral("Artist"),
        QStringLiteral("Title"),
        QStringLiteral("Label"),
        QStringLiteral("Format"),
        QStringLiteral("Rating"),
        QStringLiteral("Released"),
        QStringLiteral("release_id"),
        QStringLiteral("CollectionFolder"),
        QStringLiteral("Date Added"),
    };
}

QString DiscogsCsvReader::withoutDisambiguation(const QString &artist)
{
    if (!artist.endsWith(u')'))
        return artist;
    const qsizetype open = artist.lastIndexOf(QLatin1String(" ("));
    if (open <= 0)
        return artist;
    const QStringView number = QStringView(artist).mid(open + 2, artist.size() - open - 3);
    return isAsciiDigits(number) ? artist.left(open) : artist;
}

QString DiscogsCsvReader::errorString() const
{
    return m_errorString;
}

bool DiscogsCsvReader::atEnd() const
{
    return !m_pending.has_value() && m_position >= m_buffer.size() && m_deviceExhausted;
}

qint64 DiscogsCsvReader::bytesConsumed() const
{
    return m_bytesConsumed;
}

QStringList DiscogsCsvReader::extraColumns() const
{
    return m_extraColumns;
}

bool DiscogsCsvReader::readChunk()
{
    if (m_deviceExhausted)
        return false;
    const QByteArray chunk = m_device->read(ChunkSize);
    if (chunk.isEmpty()) {
        m_deviceExhausted = true;
        return false;
    }
    m_bytesConsumed += chunk.size();
    // Only called once everything decoded so far has been parsed, so nothing is lost here.
    m_buffer = m_decoder.decode(chunk);
    m_position = 0;
    if (m_firstChunk && !m_buffer.isEmpty()) {
        m_firstChunk = false;
        if (m_buffer.front() == QChar::ByteOrderMark)
            m_position = 1;
    }
    return true;
}

bool DiscogsCsvReader::ensureAvailable()
{
    // A chunk can decode to nothing when it ends inside a multi-byte UTF-8 sequence.
    while (m_position >= m_buffer.size()) {
        if (!readChunk())
            return false;
    }
    return true;
}

// Counts one line for "\n", "\r\n" or a lone "\r".
void DiscogsCsvReader::consumeLineBreak(QChar first, QString *keepInto)
{
    ++m_line;
    if (keepInto)
        keepInto->append(first);
    if (first == u'\r' && ensureAvailable() && m_buffer.at(m_position) == u'\n') {
        ++m_position;
        if (keepInto)
            keepInto->append(u'\n');
    }
}

std::optional<DiscogsCsvReader::RawRecord> DiscogsCsvReader::parseRecord()
{
    if (!ensureAvailable())
        return std::nullopt;

    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    State state = State::FieldStart;
    RawRecord record;
    record.line = m_line;
    QString field;
    bool fieldQuoted = false;

    const auto finishField = [&] {
        record.fields.append(field);
        record.quoted.append(fieldQuoted);
        field.clear();
        fieldQuoted = false;
        state = State::FieldStart;
    };

    while (ensureAvailable()) {
        const QChar c = m_buffer.at(m_position++);
        if (state == State::Quoted) {
            if (c == u'"')
                state = State::QuoteInQuoted;
            else if (c == u'\n' || c == u'\r')
                consumeLineBreak(c, &field);
            else
                field.append(c);
            continue;
        }
        if (state == State::QuoteInQuoted && c == u'"') {
            field.append(c);
            state = State::Quoted;
            continue;
        }
        if (c == u',') {
            finishField();
            continue;
        }
        if (c == u'\n' || c == u'\r') {
            consumeLineBreak(c, nullptr);
            finishField();
            return record;
        }
        if (state == State::FieldStart && c == u'"') {
            fieldQuoted = true;
            state = State::Quoted;
            continue;
        }
        // Also text after a closing quote ("a"b) and a quote inside an unquoted field (12"):
        // both are outside RFC 4180, and keeping the characters loses less than rejecting the row.
        field.append(c);
        state = State::Unquoted;
    }
    record.unterminated = state == State::Quoted;
    finishField();
    return record;
}

void DiscogsCsvReader::fetchNextRecord()
{
    m_pending.reset();
    while (std::optional<RawRecord> record = parseRecord()) {
        const bool blank = record->fields.size() == 1 && !record->quoted.first()
            && !record->unterminated && record->fields.first().trimmed().isEmpty();
        if (!blank) {
            m_pending = std::move(record);
            return;
        }
    }
}

bool DiscogsCsvReader::readHeader()
{
    if (m_headerAttempted)
        return m_headerRead;
    m_headerAttempted = true;

    if (!m_device || !m_device->isReadable()) {
        m_errorString = QCoreApplication::translate("aime::DiscogsCsvReader",
                                                    "The file is not open for reading.");
        return false;
    }
    fetchNextRecord();
    if (!m_pending) {
        m_errorString = QCoreApplication::translate("aime::DiscogsCsvReader", "The file is empty.");
        return false;
    }
    const RawRecord header = std::move(*m_pending);
    m_pending.reset();
    if (header.unterminated) {
        m_errorString = QCoreApplication::translate(
            "aime::DiscogsCsvReader", "The header row has a quoted name that is never closed.");
        return false;
    }

    const QStringList standard = standardColumns();
    for (qsizetype i = 0; i < header.fields.size(); ++i) {
        const QString name = header.fields.at(i).trimmed();
        // A second column of the same name would silently overwrite the first one's values.
        if (m_headerNames.contains(name)) {
            m_errorString = QCoreApplication::translate("aime::DiscogsCsvReader",
                                                        "The header has the column \"%1\" twice.")
                                .arg(name);
            return false;
        }
        m_headerNames.append(name);
        const qsizetype standardIndex = standard.indexOf(name);
        if (standardIndex >= 0) {
            m_standardIndex[standardIndex] = i;
        } else {
            m_extraIndexes.append(i);
            m_extraColumns.append(name);
        }
    }

    QStringList missing;
    for (const Column required : {Column::Artist, Column::Title}) {
        if (m_standardIndex[static_cast<int>(required)] < 0)
            missing.append(QLatin1Char('"') + standard.at(static_cast<int>(required))
                           + QLatin1Char('"'));
    }
    if (!missing.isEmpty()) {
        //: Two missing column names: "Artist" or "Title"
        const QString names = missing.size() == 1
            ? missing.first()
            : QCoreApplication::translate("aime::DiscogsCsvReader", "%1 or %2")
                  .arg(missing.at(0), missing.at(1));
        m_errorString = QCoreApplication::translate(
                            "aime::DiscogsCsvReader",
                            "The header has no %1 column, so this is not a Discogs collection "
                            "export.")
                            .arg(names);
        return false;
    }

    m_headerRead = true;
    fetchNextRecord();
    return true;
}

bool DiscogsCsvReader::readBatch(int maxRecords, QList<DiscogsCsvRow> *rows,
                                 QList<CsvRowError> *errors)
{
    Q_ASSERT(rows && errors);
    if (!m_headerRead) {
        m_errorString = QCoreApplication::translate("aime::DiscogsCsvReader",
                                                    "The header must be read before the records.");
        return false;
    }
    int recordsRead = 0;
    while (recordsRead < maxRecords && m_pending) {
        const RawRecord record = std::move(*m_pending);
        fetchNextRecord();
        ++recordsRead;

        DiscogsCsvRow row;
        row.line = record.line;
        QString reason;
        if (toAlbum(record, &row.album, &reason))
            rows->append(row);
        else
            errors->append(CsvRowError {record.line, reason});
    }
    return recordsRead > 0 || m_pending.has_value();
}

QString DiscogsCsvReader::field(const RawRecord &record, Column column) const
{
    const qsizetype index = m_standardIndex[static_cast<int>(column)];
    return index < 0 ? QString() : record.fields.at(index);
}

// Quotes are how a writer protects leading or trailing spaces, so only unquoted values are trimmed.
QString DiscogsCsvReader::trimmedUnlessQuoted(const RawRecord &record, Column column) const
{
    const qsizetype index = m_standardIndex[static_cast<int>(column)];
    if (index < 0)
        return {};
    const QString &value = record.fields.at(index);
    return record.quoted.at(index) ? value : value.trimmed();
}

bool DiscogsCsvReader::toAlbum(const RawRecord &record, Album *album, QString *reason) const
{
    if (record.unterminated) {
        *reason = QCoreApplication::translate(
            "aime::DiscogsCsvReader", "a quoted field is not closed before the end of the file");
        return false;
    }
    if (record.fields.size() != m_headerNames.size()) {
        *reason = (record.fields.size() == 1
                       ? QCoreApplication::translate("aime::DiscogsCsvReader",
                                                     "row has %1 field, expected %2")
                       : QCoreApplication::translate("aime::DiscogsCsvReader",
                                                     "row has %1 fields, expected %2"))
                      .arg(record.fields.size())
                      .arg(m_headerNames.size());
        return false;
    }

    const QString artist = trimmedUnlessQuoted(record, Column::Artist);
    if (artist.trimmed().isEmpty()) {
        *reason = QCoreApplication::translate("aime::DiscogsCsvReader", "Artist is empty");
        return false;
    }
    const QString title = trimmedUnlessQuoted(record, Column::Title);
    if (title.trimmed().isEmpty()) {
        *reason = QCoreApplication::translate("aime::DiscogsCsvReader", "Title is empty");
        return false;
    }

    SourceRef source;
    const QString releaseId = field(record, Column::ReleaseId).trimmed();
    if (releaseId.isEmpty()) {
        source.provider = QStringLiteral("local");
    } else {
        if (!isAsciiDigits(releaseId)) {
            *reason = QCoreApplication::translate("aime::DiscogsCsvReader",
                                                  "release_id \"%1\" is not a number")
                          .arg(releaseId);
            return false;
        }
        bool fits = false;
        const qulonglong id = releaseId.toULongLong(&fits);
        if (!fits || id == 0) {
            *reason
                = QCoreApplication::translate("aime::DiscogsCsvReader",
                                              "release_id \"%1\" is not a valid Discogs release id")
                      .arg(releaseId);
            return false;
        }
        source.provider = QStringLiteral("discogs");
        source.externalId = QString::number(id);
        source.url = QStringLiteral("https://www.discogs.com/release/") + source.externalId;
    }

    album->artist = withoutDisambiguation(artist);
    if (album->artist != artist)
        source.extra.insert(QStringLiteral("Artist"), artist);
    album->title = title;
    album->label = field(record, Column::Label);
    album->format = field(record, Column::Format);
    applyReleased(field(record, Column::Released).trimmed(), album);

    source.label = album->label;
    source.format = album->format;
    source.catalogNumber = field(record, Column::CatalogNumber);
    source.rating = parseRating(field(record, Column::Rating).trimmed());
    source.folder = field(record, Column::CollectionFolder);
    source.addedAt = parseDateAdded(field(record, Column::DateAdded).trimmed());
    for (const qsizetype index : m_extraIndexes) {
        const QString &value = record.fields.at(index);
        if (!value.isEmpty())
            source.extra.insert(m_headerNames.at(index), value);
    }
    album->sources = {source};
    return true;
}

} // namespace aime
