#include "export/discogscsvwriter.h"

#include "import/discogscsvreader.h"

#include <QJsonValue>
#include <QVariant>

namespace aime {

namespace {

QString joinedLine(const QStringList &fields)
{
    QStringList quotedFields;
    quotedFields.reserve(fields.size());
    for (const QString &field : fields)
        quotedFields.append(DiscogsCsvWriter::quoted(field));
    return quotedFields.join(QLatin1Char(',')) + QLatin1Char('\n');
}

// The reader keeps the export's own "Artist (2)" in extra["Artist"]; it is only still true while
// the album's artist has not been edited since.
QString exportedArtist(const Album &album, const SourceRef &source)
{
    const QString original = source.extra.value(QStringLiteral("Artist")).toString();
    if (!original.isEmpty() && DiscogsCsvReader::withoutDisambiguation(original) == album.artist)
        return original;
    return album.artist;
}

QString exportedReleased(const Album &album)
{
    if (!album.releaseDate.isEmpty())
        return album.releaseDate;
    // Discogs itself writes 0 for an unknown release year.
    return QString::number(album.year);
}

} // namespace

QString DiscogsCsvWriter::headerLine(const QStringList &extraColumns)
{
    return joinedLine(DiscogsCsvReader::standardColumns() + extraColumns);
}

QString DiscogsCsvWriter::rowLine(const Album &album, const SourceRef &source,
                                  const QStringList &extraColumns)
{
    QStringList fields;
    fields.reserve(10 + extraColumns.size());
    fields.append(source.catalogNumber);
    fields.append(exportedArtist(album, source));
    fields.append(album.title);
    fields.append(source.label.isEmpty() ? album.label : source.label);
    fields.append(source.format.isEmpty() ? album.format : source.format);
    fields.append(source.rating >= 1 && source.rating <= 5 ? QString::number(source.rating)
                                                           : QString());
    fields.append(exportedReleased(album));
    fields.append(source.provider == QLatin1String("discogs") ? source.externalId : QString());
    fields.append(source.folder);
    fields.append(source.addedAt.isValid()
                      ? source.addedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                      : QString());
    for (const QString &column : extraColumns)
        fields.append(source.extra.value(column).toVariant().toString());
    return joinedLine(fields);
}

QString DiscogsCsvWriter::quoted(const QString &field)
{
    // Beyond RFC 4180's minimum, surrounding spaces are quoted too: the reader trims unquoted
    // Artist and Title values and would otherwise lose them.
    const bool needsQuotes = field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('"'))
        || field.contains(QLatin1Char('\n')) || field.contains(QLatin1Char('\r'))
        || (!field.isEmpty() && (field.front().isSpace() || field.back().isSpace()));
    if (!needsQuotes)
        return field;
    QString escaped = field;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace aime
