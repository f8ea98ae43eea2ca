#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace aime {

// Joins two stored albums that later data shows to be one (DESIGN.md section 4), inside the
// caller's write transaction. Nothing the person has is lost: every field the survivor lacks
// comes from the other album, and of two descriptions the person's own text wins.
class AlbumMerger
{
public:
    // Merges the other album with this barcode, if any, into the older of the two; returns the
    // survivor's id, or -1 with *error on a database error. The absorbed id goes to *removed.
    static qint64 mergeSameBarcode(QSqlDatabase db, qint64 albumId, const QString &barcode,
                                   QList<qint64> *removed, QString *error);

    struct Description
    {
        QString text;
        QString model;
        QString generatedAt; // stored ISO 8601 UTC, so it orders as text
        bool edited = false;
    };
    // The description the merged album keeps. An edited text beats a generated one; of two
    // generated ones the newer wins; two different edited texts are both kept, newer first,
    // because each is the person's writing.
    static Description keptDescription(const Description &survivor, const Description &absorbed);
};

} // namespace aime
