#pragma once

#include "domain/album.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace aime {

// What a parser makes of a provider's answer: a whole value, or a message a person can read.
// Never half a value: JSON that is malformed or not of the expected shape is an error.
template<typename T> struct ParseResult
{
    std::optional<T> value;
    QString error;
    // The provider's HTTP status when it refused the request (404: gone); 0 otherwise. Callers
    // decide by it, never by the message, which is translated.
    int httpStatus = 0;
    // The provider gave no complete answer within the gate's deadline: a timeout, not a
    // failure, whichever of the caller's deadlines and the gate's noticed first.
    bool timedOut = false;

    bool ok() const { return value.has_value(); }
    static ParseResult success(T result) { return {std::move(result), {}, 0, false}; }
    static ParseResult failure(QString message)
    {
        return {std::nullopt, std::move(message), 0, false};
    }
};

// One page of a paged list of albums: search results, a collection folder, saved albums.
struct AlbumListPage
{
    QList<Album> albums;
    int total = 0; // items in the whole list, as the provider says
    int offset = 0; // index of the first item of this page in the whole list
    QUrl next; // empty on the last page
};

// One page of an album's tracks (Spotify pages them separately when an album has many).
struct TrackPage
{
    QList<Track> tracks;
    int total = 0;
    QUrl next;
};

} // namespace aime
