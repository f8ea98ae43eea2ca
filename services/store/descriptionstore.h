#pragma once

#include "domain/albumdescription.h"
#include "domain/importjobrecord.h"

#include <QCoreApplication>
#include <QList>

namespace aime {

class StoreDatabase;

// Album descriptions (issue 6): the model's words, or the person's once edited.
class DescriptionStore
{
    Q_DECLARE_TR_FUNCTIONS(aime::AlbumStore)

public:
    explicit DescriptionStore(StoreDatabase *database) : m_database(database) { }

    // In one transaction, with a describe job's checkpoint when given. An edited description
    // keeps the album's ai_model (who first wrote it); an empty text clears the description.
    // The albums whose description changed are appended to `changed`. Returns the error, empty
    // on success.
    QString save(const QList<AlbumDescription> &descriptions, const JobCheckpoint *checkpoint,
                 QList<qint64> *changed);
    // Albums without a description, ids ascending after `after`; and how many there are.
    QList<qint64> albumIdsWithout(qint64 after, int limit, QString *error = nullptr);
    int countWithout(qint64 after = 0); // -1 on error

private:
    StoreDatabase *m_database;
};

} // namespace aime
