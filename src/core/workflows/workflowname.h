#pragma once

#include <QString>

// Rules for workflow names: a name becomes "<folder>/<name>.json", so it must never be able
// to leave the folder, and it should make a file every desktop OS can hold.
// Callers pass an already percent-decoded name (QHttpServer decodes paths).
class WorkflowName final
{
public:
    static constexpr int MaxLength = 64; // in Unicode code points, not UTF-16 units
    // File systems limit a file name to 255 bytes; "<name>.json" must fit, and 64 emoji
    // (4 UTF-8 bytes each) would not.
    static constexpr int MaxUtf8Bytes = 250;

    // Empty if the name is acceptable, otherwise a human reason ("... contains '/'").
    static QString validate(const QString &name);
    static bool isValid(const QString &name) { return validate(name).isEmpty(); }

    // Turns an arbitrary file base name (e.g. of an imported file) into a valid name, or
    // returns an empty string when nothing usable is left.
    static QString sanitized(const QString &candidate);

private:
    static QString checkCharacter(char32_t ch);
    static bool isReservedDeviceName(const QString &name);
};
