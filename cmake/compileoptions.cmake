# Every AIME target links this INTERFACE target for its compiler settings.
add_library(aime_compile_options INTERFACE)
target_compile_features(aime_compile_options INTERFACE cxx_std_20)
target_compile_options(aime_compile_options INTERFACE -Wall -Wextra -Wpedantic)
target_compile_definitions(aime_compile_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    AIME_VERSION="${PROJECT_VERSION}"
    AIME_APP_ID="${AIME_APP_ID}")
if(AIME_WERROR)
    target_compile_options(aime_compile_options INTERFACE -Werror)
endif()
if(AIME_SANITIZE)
    target_compile_options(aime_compile_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(aime_compile_options INTERFACE -fsanitize=address,undefined)
    # Linked into executables only: a static library would drop it, having no reference to it.
    target_sources(aime_compile_options INTERFACE
        $<$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>:${PROJECT_SOURCE_DIR}/cmake/sanitizerexitwait.cpp>)
endif()
