#include "store/storedvalues.h"

#include "domain/albumidentity.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace aime::stored {

QString time(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime timeFrom(const QVariant &value)
{
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    time.setTimeZone(QTimeZone::utc());
    return time;
}

QString genres(const QStringList &genres)
{
    if (genres.isEmpty())
        return {};
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(genres)).toJson(QJsonDocument::Compact));
}

QStringList genresFrom(const QVariant &value)
{
    QStringList genres;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &genre : array)
        genres.append(genre.toString());
    return genres;
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject jsonFrom(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QString sortTitle(const QString &title)
{
    QString folded = AlbumIdentity::fold(title);
    if (folded.startsWith(QLatin1String("the ")))
        folded.remove(0, 4);
    return folded;
}

} // namespace aime::stored
