#pragma once

#include <QSqlQuery>
#include <QVariantList>

namespace aime {

// Binds values by position and executes the prepared query.
inline bool execWith(QSqlQuery &query, const QVariantList &values)
{
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    return query.exec();
}

} // namespace aime
