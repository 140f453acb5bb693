// Sentence splitting: ICU's segmenter plus the news-copy traps it misses.
import { describe, expect, it } from "vitest";
import { splitSentences } from "../../../src/core/nlp/sentences.js";

describe("splitSentences", () => {
  it("keeps abbreviations, initials and figures inside their sentence", () => {
    expect(
      splitSentences(
        "Mr. Smith met Dr. Jones in the U.S. on Friday. He went to No. 10 Downing Street. " +
          "Profits rose 3.5% to £1.5bn. J. K. Rowling was there too.",
      ),
    ).toEqual([
      "Mr. Smith met Dr. Jones in the U.S. on Friday.",
      "He went to No. 10 Downing Street.",
      "Profits rose 3.5% to £1.5bn.",
      "J. K. Rowling was there too.",
    ]);
  });

  it("ends a sentence at a closing quote with its attribution", () => {
    expect(splitSentences('"We are pleased with the result," he said. The firm expects more.')).toEqual([
      '"We are pleased with the result," he said.',
      "The firm expects more.",
    ]);
    expect(splitSentences('"I am confident," said Claxton. "But I take each race as it comes."')).toEqual([
      '"I am confident," said Claxton.',
      '"But I take each race as it comes."',
    ]);
  });

  it("splits a full stop that lost its space", () => {
    expect(splitSentences("Sales rose 2% to $11.1bn.For the full year, profit was $3.36bn.")).toEqual([
      "Sales rose 2% to $11.1bn.",
      "For the full year, profit was $3.36bn.",
    ]);
    // ...but not a domain name or a dotted acronym.
    expect(splitSentences("Visit bbc.co.uk for more. The U.S. team won.")).toEqual(["Visit bbc.co.uk for more.", "The U.S. team won."]);
  });

  it("splits before a sentence that opens with a number, unless an abbreviation precedes it", () => {
    expect(splitSentences("Most calls are from a mobile. 18% said they had no landline.")).toEqual([
      "Most calls are from a mobile.",
      "18% said they had no landline.",
    ]);
    expect(splitSentences('"We expect a good 2005," he said. "2005 will be important."')).toEqual([
      '"We expect a good 2005," he said.',
      '"2005 will be important."',
    ]);
    expect(splitSentences("The bill is due in Jan. 2006 at the latest.")).toEqual(["The bill is due in Jan. 2006 at the latest."]);
  });

  it("does not take an upper-case acronym for a title", () => {
    // "MS" (the illness) is not "Ms", so the sentence ends there.
    expect(splitSentences("It is a landmark for patients with MS. Final approval is expected.")).toEqual([
      "It is a landmark for patients with MS.",
      "Final approval is expected.",
    ]);
  });

  it("keeps headings and short lines as their own sentences, paragraph by paragraph", () => {
    expect(splitSentences("Results\n\nThe firm made a profit. It grew.\nOutlook\nMore growth is expected.")).toEqual([
      "Results",
      "The firm made a profit.",
      "It grew.",
      "Outlook",
      "More growth is expected.",
    ]);
  });

  it("joins a hard-wrapped line back into its sentence", () => {
    expect(splitSentences("The chancellor said the economy\nwas growing. Unemployment fell.")).toEqual([
      "The chancellor said the economy was growing.",
      "Unemployment fell.",
    ]);
  });

  it("handles ellipses, questions and exclamations", () => {
    expect(splitSentences("Is it over? Yes... for now. What a game!")).toEqual(["Is it over?", "Yes... for now.", "What a game!"]);
  });

  it("returns trimmed, non-empty sentences and nothing for blank text", () => {
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences(" \n\n\t \r\n ")).toEqual([]);
    const sentences = splitSentences("  One.   Two  words.\r\n\r\n   Three.  ");
    expect(sentences).toEqual(["One.", "Two words.", "Three."]);
  });

  it("reads a title after a bracket or a quote, and not one glued to another word", () => {
    expect(splitSentences("She met (Dr. Jones) in London. It went well.")).toEqual(["She met (Dr. Jones) in London.", "It went well."]);
    expect(splitSentences("Talks with “Gen. Ali” resumed. They ended.")).toEqual(["Talks with “Gen. Ali” resumed.", "They ended."]);
    // "ex-Gov." is no title as written: a hyphen is not a word's start.
    expect(splitSentences("He praised ex-Gov. Smith. Then he left.")).toEqual(["He praised ex-Gov.", "Smith.", "Then he left."]);
    // Nor is a title with two full stops.
    expect(splitSentences("Ask Mr.. Smith now. He knows.")).toEqual(["Ask Mr.. Smith now.", "He knows."]);
  });
});
