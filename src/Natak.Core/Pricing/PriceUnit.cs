namespace Natak.Core.Pricing;

/// <summary>What a provider bills by. The catalogue spells these in kebab case (<c>base-plus-extra-second</c>).</summary>
public enum PriceUnit
{
    /// <summary><c>usd</c> per request.</summary>
    Request,

    /// <summary><c>usd</c> per delivered image.</summary>
    Image,

    /// <summary><c>usd</c> per megapixel of the delivered output.</summary>
    Megapixel,

    /// <summary><c>usd</c> per training step.</summary>
    Step,

    /// <summary>A per-second rate chosen from <c>rates</c> by resolution and audio.</summary>
    Second,

    /// <summary><c>baseUsd</c> for up to <c>baseSeconds</c>, plus <c>extraSecondUsd</c> per started second beyond.</summary>
    BasePlusExtraSecond,

    /// <summary><c>inputPerMillionUsd</c> and <c>outputPerMillionUsd</c> tokens.</summary>
    Token,

    /// <summary><c>usd</c> per gigabyte-month.</summary>
    GbMonth,
}
