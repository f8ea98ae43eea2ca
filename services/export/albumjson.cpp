#include "export/albumjson.h"

#include <QJsonArray>

namespace aime {

namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

} // namespace

QJsonObject AlbumJson::toJson(const Album &album)
{
    QJsonArray tracks;
    for (const Track &track : album.tracks) {
        tracks.append(QJsonObject {{QStringLiteral("disc"), track.disc},
                                   {QStringLiteral("position"), track.position},
                                   {QStringLiteral("title"), track.title},
                                   {QStringLiteral("duration_ms"), track.durationMs}});
    }
    QJsonArray sources;
    for (const SourceRef &source : album.sources) {
        QJsonObject object {{QStringLiteral("provider"), source.provider},
                            {QStringLiteral("external_id"), textOrNull(source.externalId)},
                            {QStringLiteral("url"), textOrNull(source.url)},
                            {QStringLiteral("format"), textOrNull(source.format)},
                            {QStringLiteral("barcode"), textOrNull(source.barcode)}};
        if (!source.catalogNumber.isEmpty())
            object.insert(QStringLiteral("catalog_number"), source.catalogNumber);
        if (!source.label.isEmpty())
            object.insert(QStringLiteral("label"), source.label);
        if (source.rating > 0)
            object.insert(QStringLiteral("rating"), source.rating);
        if (!source.folder.isEmpty())
            object.insert(QStringLiteral("folder"), source.folder);
        if (source.addedAt.isValid())
            object.insert(QStringLiteral("added_at"), source.addedAt.toUTC().toString(Qt::ISODate));
        if (!source.extra.isEmpty())
            object.insert(QStringLiteral("extra"), source.extra);
        sources.append(object);
    }
    return QJsonObject {
        {QStringLiteral("id"), album.id},
        {QStringLiteral("title"), album.title},
        {QStringLiteral("artist"), album.artist},
        {QStringLiteral("year"), album.year > 0 ? QJsonValue(album.year) : QJsonValue()},
        {QStringLiteral("label"), textOrNull(album.label)},
        {QStringLiteral("format"), textOrNull(album.format)},
        {QStringLiteral("barcode"), textOrNull(album.barcode)},
        {QStringLiteral("genres"), QJsonArray::fromStringList(album.genres)},
        {QStringLiteral("added_at"),
         album.addedAt.isValid() ? QJsonValue(album.addedAt.toUTC().toString(Qt::ISODate))
                                 : QJsonValue()},
        {QStringLiteral("tracks"), tracks},
        {QStringLiteral("sources"), sources},
        {QStringLiteral("ai_description"), textOrNull(album.aiDescription)},
        {QStringLiteral("ai_model"), textOrNull(album.aiModel)},
        {QStringLiteral("ai_generated_at"),
         album.aiGeneratedAt.isValid()
             ? QJsonValue(album.aiGeneratedAt.toUTC().toString(Qt::ISODate))
             : QJsonValue()},
        {QStringLiteral("ai_edited"), album.aiEdited},
    };
}

} // namespace aime
