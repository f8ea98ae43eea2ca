#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>
#include <QVariant>

namespace aime::stored {

// How values are written to and read from the store's columns, the same on both backends: times
// as ISO 8601 UTC text, genres and JSON objects as compact JSON text, empty text as NULL (so
// "fill what is missing" can use coalesce()).
QString time(const QDateTime &time);
QDateTime timeFrom(const QVariant &value);
QString genres(const QStringList &genres);
QStringList genresFrom(const QVariant &value);
QString json(const QJsonObject &object);
QJsonObject jsonFrom(const QVariant &value);
QVariant textOrNull(const QString &text);
// The title as the grid sorts it: folded, without a leading "the ".
QString sortTitle(const QString &title);

} // namespace aime::stored
