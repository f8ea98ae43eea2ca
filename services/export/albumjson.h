#pragma once

#include "domain/album.h"

#include <QJsonObject>

namespace aime {

// The JSON shape of an album in `aime-cli list`, `aime-cli export` and File > Export (docs/cli.md).
// Later versions add keys; they never rename or remove one.
class AlbumJson
{
public:
    static QJsonObject toJson(const Album &album);
};

} // namespace aime
