#pragma once

#include <QString>
#include <QUrl>

namespace aime {

// Preferences > AI outside the keychain: the model (QSettings "ai/model") and whether an API key
// is kept there (the key itself lives in the keychain, Secret::LlmApiKey). AIME_LLM_MODEL and
// AIME_LLM_API_KEY in the environment win, for scripts; the endpoint's address is
// AIME_LLM_URL, as Preferences > Advanced keeps it.
class AiSettings
{
public:
    static QString model();
    static bool modelFromEnvironment();
    static void setModel(const QString &model);

    static bool hasKeptApiKey();
    static void setHasKeptApiKey(bool kept);
    static QString environmentApiKey();
};

} // namespace aime
