#include "store/summaryreader.h"

#include "store/sqlexec.h"
#include "store/storedatabase.h"
#include "store/storedvalues.h"
#include "store/storelog.h"

#include <QSqlError>
#include <QSqlQuery>

namespace aime {

namespace {

struct SortSpec
{
    QStringList columns; // the last one is always id
    bool descending = false;
};

// "ORDER BY" columns of the sort, each with its direction.
QString orderClause(const SortSpec &spec)
{
    QStringList order;
    for (const QString &column : spec.columns)
        order.append(spec.descending ? column + QLatin1String(" DESC") : column);
    return order.join(QLatin1String(", "));
}

enum class KeySide { After, Before };

// The rows after (or before) a keyset position in the sort's order, with the key's values
// appended to binds.
QString keyClause(const SortSpec &spec, const QVariantList &key, KeySide side, QVariantList &binds)
{
    QStringList marks;
    for (const QVariant &value : key) {
        marks.append(QStringLiteral("?"));
        binds.append(value);
    }
    const bool greater = (side == KeySide::After) != spec.descending;
    return QStringLiteral("(%1) %2 (%3)")
        .arg(spec.columns.join(QLatin1String(", ")),
             greater ? QStringLiteral(">") : QStringLiteral("<"), marks.join(QLatin1String(", ")));
}

// The sort columns of a row whose select list has them from column `first` on.
QVariantList keyOf(const QSqlQuery &row, const SortSpec &spec, int first = 0)
{
    QVariantList key;
    for (int i = 0; i < spec.columns.size(); ++i)
        key.append(row.value(first + i));
    return key;
}

SortSpec sortSpec(AlbumSort sort)
{
    switch (sort) {
    case AlbumSort::Title:
        return {
            {QStringLiteral("sort_title"), QStringLiteral("sort_artist"), QStringLiteral("id")}};
    case AlbumSort::Year:
        return {{QStringLiteral("year"), QStringLiteral("sort_artist"),
                 QStringLiteral("sort_title"), QStringLiteral("id")}};
    case AlbumSort::DateAdded:
        return {{QStringLiteral("added_at"), QStringLiteral("id")}, true};
    case AlbumSort::Artist:
        break;
    }
    return {{QStringLiteral("sort_artist"), QStringLiteral("year"), QStringLiteral("sort_title"),
             QStringLiteral("id")}};
}

// The MusicBrainz release lets the Cover Art Archive find a cover; the subquery runs only for
// the rows of the page (album_sources_album index).
constexpr auto summaryColumnList
    = "id, title, artist, year, format, cover_file, added_at, cover_url, "
      "(SELECT s.external_id FROM album_sources s WHERE s.album_id = albums.id AND "
      "s.provider = 'musicbrainz' ORDER BY s.id LIMIT 1)";

} // namespace

QString SummaryReader::columns()
{
    return QLatin1String(summaryColumnList);
}

AlbumSummary SummaryReader::fromRow(const QSqlQuery &row)
{
    AlbumSummary summary;
    summary.id = row.value(0).toLongLong();
    summary.title = row.value(1).toString();
    summary.artist = row.value(2).toString();
    summary.year = row.value(3).toInt();
    summary.format = row.value(4).toString();
    summary.coverFile = row.value(5).toString();
    summary.addedAt = stored::timeFrom(row.value(6));
    summary.coverUrl = row.value(7).toString();
    summary.musicBrainzRelease = row.value(8).toString();
    return summary;
}

SummaryPage SummaryReader::after(const AlbumQuery &query, const PageCursor &after, int limit)
{
    return read(query, after, 0, limit);
}

SummaryPage SummaryReader::at(const AlbumQuery &query, int offset, int limit)
{
    return read(query, {}, qMax(0, offset), limit);
}

SummaryPage SummaryReader::read(const AlbumQuery &query, const PageCursor &after, int offset,
                                int limit)
{
    SummaryPage page;
    if (const StoreStatus status = m_database->status(); !status.ok()) {
        page.error = status.message;
        return page;
    }
    const QSemaphoreReleaser readSlot = m_database->readSlot();

    const SortSpec spec = sortSpec(query.sort);
    const QString columns = spec.columns.join(QLatin1String(", "));
    QVariantList binds;
    QStringList where;
    const QString filter = m_database->dialect().filterClause(query.filterText, binds);
    if (!filter.isEmpty())
        where.append(filter);

    PageCursor start = after;
    if (offset > 0) {
        // The key of the row before the offset, from the sort index alone (it holds every sort
        // column), then a keyset read: an OFFSET over the table itself would read, and cache,
        // every album before it.
        QString keySql = QStringLiteral("SELECT %1 FROM albums").arg(columns);
        if (!filter.isEmpty())
            keySql += QLatin1String(" WHERE ") + filter;
        keySql += QLatin1String(" ORDER BY ") + orderClause(spec)
            + QStringLiteral(" LIMIT 1 OFFSET %1").arg(offset - 1);
        QSqlQuery keyQuery(m_database->connection());
        keyQuery.setForwardOnly(true);
        if (!keyQuery.prepare(keySql) || !execWith(keyQuery, binds)) {
            page.error = keyQuery.lastError().text();
            qCWarning(lcStore) << "summaries failed:" << page.error;
            return page;
        }
        if (!keyQuery.next())
            return page; // past the end
        start.key = keyOf(keyQuery, spec);
    }
    if (!start.isStart() && start.key.size() == spec.columns.size())
        where.append(keyClause(spec, start.key, KeySide::After, binds));
    QString sql
        = QStringLiteral("SELECT %1, %2 FROM albums").arg(SummaryReader::columns(), columns);
    if (!where.isEmpty())
        sql += QLatin1String(" WHERE ") + where.join(QLatin1String(" AND "));
    sql += QLatin1String(" ORDER BY ") + orderClause(spec)
        + QStringLiteral(" LIMIT %1").arg(limit + 1);

    QSqlQuery select(m_database->connection());
    select.setForwardOnly(true);
    if (!select.prepare(sql) || !execWith(select, binds)) {
        page.error = select.lastError().text();
        qCWarning(lcStore) << "summaries failed:" << page.error;
        return page;
    }
    const int keyStart = 9;
    page.rows.reserve(limit);
    while (select.next()) {
        if (page.rows.size() == limit) {
            page.atEnd = false;
            break;
        }
        page.rows.append(fromRow(select));
        page.next.key = keyOf(select, spec, keyStart);
    }
    return page;
}

int SummaryReader::rowOf(const AlbumQuery &query, qint64 albumId)
{
    if (!m_database->status().ok())
        return -2;
    const QSemaphoreReleaser readSlot = m_database->readSlot();
    const SortSpec spec = sortSpec(query.sort);
    QVariantList filterBinds;
    const QString filter = m_database->dialect().filterClause(query.filterText, filterBinds);
    const QString filtered = filter.isEmpty() ? QString() : filter + QLatin1String(" AND ");
    QSqlDatabase db = m_database->connection();

    // The album's key (only when the query shows it), then how many rows sort before it.
    QSqlQuery keyQuery(db);
    keyQuery.setForwardOnly(true);
    QVariantList keyBinds = filterBinds;
    keyBinds.append(albumId);
    if (!keyQuery.prepare(QStringLiteral("SELECT %1 FROM albums WHERE %2id = ?")
                              .arg(spec.columns.join(QLatin1String(", ")), filtered))
        || !execWith(keyQuery, keyBinds)) {
        qCWarning(lcStore) << "rowOf failed:" << keyQuery.lastError().text();
        return -2;
    }
    if (!keyQuery.next())
        return -1;
    QVariantList countBinds = filterBinds;
    const QString before = keyClause(spec, keyOf(keyQuery, spec), KeySide::Before, countBinds);
    QSqlQuery countQuery(db);
    countQuery.setForwardOnly(true);
    if (!countQuery.prepare(
            QStringLiteral("SELECT count(*) FROM albums WHERE %1%2").arg(filtered, before))
        || !execWith(countQuery, countBinds) || !countQuery.next()) {
        qCWarning(lcStore) << "rowOf failed:" << countQuery.lastError().text();
        return -2;
    }
    return countQuery.value(0).toInt();
}

int SummaryReader::count(const AlbumQuery &query)
{
    if (!m_database->status().ok())
        return -1;
    const QSemaphoreReleaser readSlot = m_database->readSlot();
    QVariantList binds;
    const QString filter = m_database->dialect().filterClause(query.filterText, binds);
    QSqlQuery select(m_database->connection());
    select.prepare(filter.isEmpty()
                       ? QStringLiteral("SELECT count(*) FROM albums")
                       : QStringLiteral("SELECT count(*) FROM albums WHERE ") + filter);
    if (!execWith(select, binds) || !select.next()) {
        qCWarning(lcStore) << "count failed:" << select.lastError().text();
        return -1;
    }
    return select.value(0).toInt();
}

} // namespace aime
