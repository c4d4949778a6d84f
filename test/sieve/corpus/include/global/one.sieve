require "fileinto";
fileinto "global-one";
