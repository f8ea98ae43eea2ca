#pragma once

#include "domain/album.h"
#include "providers/parseresult.h"

#include <QByteArray>
#include <QString>

namespace aime {

// Who a Discogs token belongs to (GET /oauth/identity).
struct DiscogsIdentity
{
    qint64 id = 0;
    QString username;
    QString resourceUrl;
};

// Turns Discogs API v2 response bodies (PROVIDERS.md section 2) into AIME's value types. Pure
// functions over bytes: no network, no state, so they run on the worker pool and in tests alike.
//
// Strict by design. A body that is not JSON, not an object, or lacks a required field (or has one
// of the wrong type) fails with a message naming the provider and the field, e.g.
// "Discogs release: missing \"id\"" or "Discogs search: \"results[3].title\" is a number,
// expected a string". One broken item fails its whole page, naming the item's index: the importer
// stores a page in one transaction and resumes from a page cursor, so skipping the item would lose
// an album without a trace. Optional fields that are absent or null come back empty; present with
// the wrong type they fail too, because that means the shape is not the one these parsers know.
//
// Albums carry one SourceRef (provider "discogs"). Artist names lose Discogs' " (2)" suffix; the
// credited spelling with the suffix is kept in source.extra["Artist"] when it differs, as the CSV
// reader does, so a CSV export can give it back. fetchedAt is left for the caller to stamp.
class DiscogsParser
{
public:
    DiscogsParser() = delete;

    // GET /database/search?type=release or type=master. A master's externalId is "m<id>" (Discogs'
    // own notation) so it never collides with the release of the same number.
    static ParseResult<AlbumListPage> search(const QByteArray &json);
    // GET /releases/{id}, with tracks.
    static ParseResult<Album> release(const QByteArray &json);
    // GET /users/{name}/collection/folders/{id}/releases: basic information, no tracks.
    static ParseResult<AlbumListPage> collectionPage(const QByteArray &json);
    static ParseResult<DiscogsIdentity> identity(const QByteArray &json);
    // The text of an error body {"message": "..."}; empty for anything else.
    static QString errorMessage(const QByteArray &json);
};

} // namespace aime
