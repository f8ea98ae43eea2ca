#include "store/sqldialect.h"

#include "domain/albumidentity.h"
#include "store/changelistener.h"
#include "store/ftsquery.h"
#include "store/sqlexec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace aime {

SqlDialect SqlDialect::forConfig(const StoreConfig &config)
{
    return SqlDialect(config.isSqlite() ? Backend::Sqlite : Backend::PostgreSql);
}

QString SqlDialect::returningId() const
{
    return isSqlite() ? QString() : QStringLiteral(" RETURNING id");
}

qint64 SqlDialect::insertedId(QSqlQuery &insert) const
{
    if (isSqlite())
        return insert.lastInsertId().toLongLong();
    if (!insert.next())
        return 0;
    const qint64 id = insert.value(0).toLongLong();
    insert.finish();
    return id;
}

QString SqlDialect::filterClause(const QString &filterText, QVariantList &binds) const
{
    if (isSqlite()) {
        const QString match = FtsQuery::fromUserText(filterText);
        if (match.isEmpty())
            return {};
        binds.append(match);
        return QStringLiteral("id IN (SELECT rowid FROM albums_fts WHERE albums_fts MATCH ?)");
    }
    // The words FTS5 would see (FtsQuery splits the same way), folded as the index is, each
    // the start of a word: letters and digits only, so nothing in it is tsquery syntax.
    QStringList terms;
    const QStringList words = FtsQuery::words(filterText);
    for (const QString &word : words) {
        const QStringList folded = AlbumIdentity::fold(word).split(u' ', Qt::SkipEmptyParts);
        for (const QString &part : folded)
            terms.append(part + QStringLiteral(":*"));
    }
    if (terms.isEmpty())
        return {};
    binds.append(terms.join(QLatin1String(" & ")));
    return QStringLiteral("search_vector @@ to_tsquery('simple', ?)");
}

QString SqlDialect::numberFromText(const QString &column) const
{
    if (isSqlite())
        return QStringLiteral("CAST(%1 AS BIGINT)").arg(column);
    return QStringLiteral("CASE WHEN %1 ~ '^[0-9]{1,18}$' THEN CAST(%1 AS BIGINT) END").arg(column);
}

QString SqlDialect::postgresSearchVector(const QString &album)
{
    // unaccent() folds what AlbumIdentity::fold() folds in the query. The text is split at
    // anything that is not a letter or digit first, as FTS5's unicode61 splits it: PostgreSQL's
    // parser would keep "ac/dc" whole, as a file name. The 'simple' configuration keeps every
    // word (no stop words, no stemming).
    return QStringLiteral(
               "to_tsvector('simple', regexp_replace(unaccent(lower(%1.title || ' ' || "
               "%1.artist || ' ' || coalesce(%1.label, '') || ' ' || coalesce(%1.genres, '') || "
               "' ' || coalesce((SELECT string_agg(t.title, ' ') FROM tracks t WHERE "
               "t.album_id = %1.id), ''))), '[^[:alnum:]]+', ' ', 'g'))")
        .arg(album);
}

namespace {

// `text` with the letters Unicode does not decompose spelled out as AlbumIdentity::fold() and
// PostgreSQL's unaccent() spell them, upper and lower case: FTS5's unicode61 folds accents but
// keeps "æ" and "ß", and a person typing "aether" or "strasse" should find them on both stores.
QString spelledOut(QString text)
{
    for (const auto &[letter, spelling] : AlbumIdentity::undecomposedLetters()) {
        text = QStringLiteral("replace(%1, '%2', '%3')").arg(text, letter, spelling);
        const QChar upper = letter.toUpper();
        if (upper != letter && upper.unicode() >= 0x80)
            text = QStringLiteral("replace(%1, '%2', '%3')").arg(text, upper, spelling);
    }
    return QStringLiteral("replace(%1, '%2', 'ss')").arg(text, QChar(0x1e9e)); // capital ß
}

} // namespace

QString SqlDialect::sqliteIndexRows()
{
    return QStringLiteral("SELECT a.id, %1, %2, %3, %4, %5 FROM albums a")
        .arg(spelledOut(QStringLiteral("a.title")), spelledOut(QStringLiteral("a.artist")),
             spelledOut(QStringLiteral("coalesce(a.label, '')")),
             spelledOut(QStringLiteral("coalesce(a.genres, '')")),
             spelledOut(QStringLiteral("coalesce((SELECT group_concat(t.title, ' ') FROM "
                                       "tracks t WHERE t.album_id = a.id), '')")));
}

QString SqlDialect::reindexAlbums(QSqlDatabase db, const QList<qint64> &albumIds) const
{
    if (albumIds.isEmpty())
        return {};
    if (!isSqlite()) {
        QStringList ids;
        for (const qint64 id : albumIds)
            ids.append(QString::number(id));
        QSqlQuery index(db);
        index.prepare(QStringLiteral("UPDATE albums a SET search_vector = %1 WHERE a.id = "
                                     "ANY(CAST(? AS BIGINT[]))")
                          .arg(postgresSearchVector(QStringLiteral("a"))));
        if (!execWith(index, {QString(u'{' + ids.join(u',') + u'}')}))
            return index.lastError().text();
        return {};
    }
    // FTS5 flushes its pending terms at every statement savepoint once it is part of the
    // transaction, so touching it once per album costs more than everything else together: the
    // albums are indexed by two statements, their ids passed as one JSON array.
    QJsonArray ids;
    for (const qint64 id : albumIds)
        ids.append(id);
    const QString idList = QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact));
    QSqlQuery dropIndexed(db);
    QSqlQuery index(db);
    dropIndexed.prepare(
        QStringLiteral("DELETE FROM albums_fts WHERE rowid IN (SELECT value FROM json_each(?))"));
    index.prepare(QStringLiteral("INSERT INTO albums_fts (rowid, title, artist, label, genres, "
                                 "tracks) %1 WHERE a.id IN (SELECT DISTINCT value FROM "
                                 "json_each(?))")
                      .arg(sqliteIndexRows()));
    if (!execWith(dropIndexed, {idList}))
        return dropIndexed.lastError().text();
    if (!execWith(index, {idList}))
        return index.lastError().text();
    return {};
}

QString SqlDialect::notifyChanged(QSqlDatabase db, const QString &token,
                                  const QList<qint64> &albumIds) const
{
    if (isSqlite() || albumIds.isEmpty())
        return {};
    // A payload holds under 8,000 bytes: a page's ids fit in one, a larger change goes in parts.
    constexpr qsizetype idsPerNotification = 400;
    QSqlQuery notify(db);
    notify.prepare(
        QStringLiteral("SELECT pg_notify('%1', ?)").arg(QLatin1String(ChangeListener::channel)));
    for (qsizetype first = 0; first < albumIds.size(); first += idsPerNotification) {
        if (!execWith(notify,
                      {ChangeListener::payload(token, albumIds.mid(first, idsPerNotification))}))
            return notify.lastError().text();
    }
    return {};
}

} // namespace aime
