#pragma once

#include <QImage>
#include <QList>
#include <QString>

// One output socket value of a simulated node (ComfyUI passes tensors and Python objects;
// here images are QImages and models are just names).
struct SimValue
{
    enum class Kind { None, Number, Text, Bool, Images, Mask, Latent, Model, Clip, Vae,
                      Conditioning };
    Kind kind = Kind::None;
    double number = 0;
    bool isInt = false;
    QString text;           // Text, Conditioning (the prompt), Model/Clip/Vae (checkpoint)
    QList<QImage> images;   // Images, Mask; Latent: source pixels for img2img
    // Latent: pixel size, batch and what sampled it (empty until a KSampler ran).
    int width = 0;
    int height = 0;
    int batch = 1;
    quint64 seed = 0;
    double denoise = 1.0;
    bool sampled = false;

    static SimValue fromNumber(double n, bool integer)
    {
        SimValue v;
        v.kind = Kind::Number;
        v.number = n;
        v.isInt = integer;
        return v;
    }
    static SimValue fromText(Kind kind, const QString &text)
    {
        SimValue v;
        v.kind = kind;
        v.text = text;
        return v;
    }
    static SimValue fromImages(const QList<QImage> &images, Kind kind = Kind::Images)
    {
        SimValue v;
        v.kind = kind;
        v.images = images;
        return v;
    }
};
