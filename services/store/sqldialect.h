#pragma once

#include "store/storeconfig.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

class QSqlQuery;

namespace aime {

// What the store's SQL says differently on SQLite and on PostgreSQL, in one place: the store's
// classes write the rest of their SQL once for both.
class SqlDialect
{
public:
    enum class Backend { Sqlite, PostgreSql };

    explicit SqlDialect(Backend backend) : m_backend(backend) { }
    static SqlDialect forConfig(const StoreConfig &config);

    Backend backend() const { return m_backend; }
    bool isSqlite() const { return m_backend == Backend::Sqlite; }

    // Appended to an INSERT whose new row's id the caller needs.
    QString returningId() const;
    // The id of the row an INSERT ending in returningId() created; 0 when there is none.
    qint64 insertedId(QSqlQuery &insert) const;
    // The WHERE condition for the person's filter text (every word the start of a word in the
    // title, artist, label, genres or track titles), its values appended to binds; empty when the
    // text filters nothing.
    QString filterClause(const QString &filterText, QVariantList &binds) const;
    // `column` (text) as a number where it holds one; NULL on PostgreSQL, 0 on SQLite otherwise.
    QString numberFromText(const QString &column) const;
    // PostgreSQL: the tsvector the text filter searches, for the albums row aliased `album`.
    static QString postgresSearchVector(const QString &album);
    // SQLite: the rows of the albums_fts table, for the albums aliased `a` (add a WHERE).
    static QString sqliteIndexRows();
    // Brings the text filter's index up to date for these albums, in the caller's transaction;
    // returns the database's error, empty on success.
    QString reindexAlbums(QSqlDatabase db, const QList<qint64> &albumIds) const;
    // Tells other desktops on the same catalogue which albums the caller's transaction changed,
    // when it commits (PostgreSQL's NOTIFY; nothing on SQLite, where no one else listens).
    // Returns the database's error, empty on success.
    QString notifyChanged(QSqlDatabase db, const QString &token,
                          const QList<qint64> &albumIds) const;

private:
    Backend m_backend;
};

} // namespace aime
