#pragma once

#include "providers/parseresult.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace aime {

struct SpotifyToken
{
    QString accessToken;
    QString tokenType; // as sent ("Bearer"); checked case-insensitively
    QString refreshToken; // empty when the answer carries none: keep the one you had
    QString scope;
    int expiresInSeconds = 0;
};

// GET /v1/me, as much of it as AIME shows: who is connected.
struct SpotifyUser
{
    QString id;
    QString displayName; // may be empty: show id then
};

// Turns the bodies of Spotify Web API and token endpoint answers (PROVIDERS.md section 1) into
// AIME's value types. Pure functions over the bytes: no networking, no state, safe on any thread.
//
// Strict by design, so a caller never stores half an album:
// - the body must be a JSON object of the expected shape; a required field that is missing, null
//   or of the wrong type fails the whole result with a message naming the field, e.g.
//   "Spotify album: missing \"id\"";
// - an optional field that is absent or null gives an empty value, but one of the wrong type is a
//   failure too (the shape has changed and the rest cannot be trusted);
// - one broken item fails its whole page, and the message names the item's index
//   ("Spotify search: \"albums.items[3].name\" is not a string"), so a caller can retry or report
//   it instead of silently showing a page shorter than the provider said;
// - an error body ({"error": ...}) given to a value parser fails with errorMessage()'s text.
//
// Every album gets exactly one SourceRef {provider "spotify", externalId, url, format, barcode,
// label}; fetchedAt is left for the caller, which knows when the answer arrived.
class SpotifyParser
{
public:
    SpotifyParser() = delete;

    // GET /v1/search?type=album: {"albums": paging of simplified albums}.
    static ParseResult<AlbumListPage> searchAlbums(const QByteArray &json);

    // GET /v1/albums/{id}. tracks holds the embedded first page only (up to 50 tracks); when
    // embeddedTracksNext() gives a URL, the rest comes from albumTracks() pages.
    static ParseResult<Album> album(const QByteArray &json);
    // The "next" of the album's embedded tracks page; empty on a complete album or on any body
    // album() rejects. A separate call rather than a field so album() keeps returning a plain
    // Album; the second parse of an album body is cheap next to the request that fetched it.
    static QUrl embeddedTracksNext(const QByteArray &albumJson);

    // GET /v1/albums/{id}/tracks: paging of simplified tracks.
    static ParseResult<TrackPage> albumTracks(const QByteArray &json);

    // GET /v1/me/albums: paging of {added_at, album}; the source's addedAt is added_at (UTC).
    // Each album's tracks are its embedded first page, as for album(); a shorter list than
    // trackCount means the rest must be fetched with albumTracks().
    static ParseResult<AlbumListPage> savedAlbums(const QByteArray &json);

    // POST /api/token (client credentials, authorization code, refresh): token_type must be
    // "Bearer" in any case; refresh_token and scope are optional.
    static ParseResult<SpotifyToken> token(const QByteArray &json);

    // GET /v1/me: id required, display_name optional (null for some accounts).
    static ParseResult<SpotifyUser> currentUser(const QByteArray &json);

    // A sentence for an error body, either the Web API's {"error": {"status", "message"}} or the
    // token endpoint's {"error": "invalid_grant", "error_description": "..."}; empty when the
    // body is neither. Provider text is cut to a few hundred characters and must be shown as
    // plain text.
    static QString errorMessage(const QByteArray &json);
};

} // namespace aime
