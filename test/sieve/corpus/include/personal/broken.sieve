require "fileinto";
fileinto "oops" 
