namespace Natak.Core.Pricing;

/// <summary>How a logical input value is written into a provider's JSON body (kebab case in the catalogue).</summary>
public enum InputFormat
{
    /// <summary>A JSON string, as is (<c>"5"</c> for a duration).</summary>
    String,

    /// <summary>A JSON integer.</summary>
    Integer,

    /// <summary>A JSON number.</summary>
    Number,

    /// <summary>A JSON boolean.</summary>
    Boolean,

    /// <summary>Seconds with an <c>s</c> suffix: <c>"8s"</c>.</summary>
    SecondsSuffix,

    /// <summary>A <c>WxH</c> size as <c>{ "width": W, "height": H }</c>.</summary>
    SizeObject,

    /// <summary>A <c>WxH</c> size as its reduced aspect ratio, <c>"16:9"</c>.</summary>
    AspectRatio,

    /// <summary>A LoRA URL as <c>[{ "path": url, "scale": 1 }]</c>.</summary>
    LoraList,
}
